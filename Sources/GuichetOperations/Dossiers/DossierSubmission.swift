import FluentKit
import Foundation
import GuichetCore
import GuichetPDF
import GuichetStore
import Logging

/// *Récapitulatif* and *Transmettre ma demande* (SPEC §4).
public enum DossierSubmission {
    /// What the summary page shows.
    public struct Summary: Sendable {
        public let steps: [StepSummary]
        /// Steps (0-based) whose answers are not complete yet.
        public let incompleteSteps: Set<Int>
        /// Who will receive the dossier (empty while it is incomplete).
        public let recipients: [String]
    }

    public static func summary(_ dossier: Dossier, in context: OperationContext) async throws -> Summary {
        let procedure = try context.guichet.procedure(of: dossier)
        let titles = attachmentTitles(try await DossierAttachments.list(dossierID: dossier.id, on: context.db))
        let incomplete = procedure.incompleteSteps(dossier.answers, context: context.validationContext)
        let recipients = incomplete.isEmpty ? DossierRouting.recipients(procedure, answers: dossier.answers, in: context.guichet) : nil
        return Summary(steps: procedure.summary(dossier.answers, attachment: { titles[$0] }), incompleteSteps: incomplete,
                       recipients: recipients?.map(\.name) ?? [])
    }

    public enum Outcome: Sendable, Equatable {
        /// This call transmitted the dossier.
        case transmitted(reference: String)
        /// It had already been transmitted (a double click, a retry): same reference.
        case alreadyTransmitted(reference: String)
        /// Not sent: the French reason, shown on the summary.
        case refused(String)
    }

    /// Transmits the dossier. Idempotent: a second call for a dossier already
    /// transmitted answers the same reference; a failure leaves the draft as it was
    /// (`OperationError.unavailable` says to retry).
    public static func submit(_ dossier: Dossier, account: Account?, in context: OperationContext) async throws -> Outcome {
        let procedure = try context.guichet.procedure(of: dossier)
        guard case .success(let answers) = procedure.validateAll(dossier.answers, context: context.validationContext) else {
            return .refused("Votre demande est incomplète : complétez les étapes signalées avant de la transmettre.")
        }
        // Nothing unscanned is ever transmitted to an organisation.
        let attachments = try await DossierAttachments.list(dossierID: dossier.id, on: context.db)
        if attachments.contains(where: { $0.scanState != .clean && dossier.answers.attachmentIDs.contains($0.id ?? UUID()) }) {
            return .refused("Un document joint est encore en cours d'analyse antivirus : réessayez de transmettre votre demande dans quelques minutes.")
        }
        var complete = dossier.answers
        complete.replace(fields: procedure.typedFields.map(\.id), with: answers)
        guard let recipients = DossierRouting.recipients(procedure, answers: complete, in: context.guichet) else {
            return .refused("Nous ne trouvons pas l'organisme destinataire de votre demande. Vérifiez la commune indiquée.")
        }
        let recipientAddress = confirmationAddress(dossier, procedure: procedure, answers: complete, account: account)
        let profileAddress = updatedProfileAddress(procedure, answers: complete, dossier: dossier, account: account)
        // Without an account nothing else limits how often requests can be sent: per
        // client address and per email address, counted on each transmission (a retry
        // or a double click of the same dossier is not a new one).
        let limits: [(RateLimitRule, String)] = dossier.userID != nil ? [] : [(.anonymousSubmissions, context.clientLimitKey)]
            + (recipientAddress.flatMap(EmailAddress.init).map { [(.anonymousSubmissionsPerRecipient, $0.comparisonKey)] } ?? [])
        for (rule, subject) in limits where try await RateLimiter.isExhausted(rule, subject: subject, now: context.now, on: context.db) {
            throw OperationError.tooManyRequests(retryAfterSeconds: Int(rule.window))
        }
        let mailer = context.mailer
        let now = context.now
        let guichet = context.guichet
        let signedIn = dossier.userID != nil
        let names = recipients.map(\.name)
        let references = guichet.services.references
        let kind = dossier.referenceKind
        let outcome: Dossiers.SubmitOutcome
        do {
            outcome = try await Dossiers.submit(
                dossier.id, answers: complete, contactEmail: signedIn ? nil : recipientAddress, applicant: procedure.applicantName(in: complete),
                profileAddress: profileAddress, recipients: recipients, actor: .citizen,
                newReference: { references(kind) },
                mail: { reference in
                    guard let recipientAddress else { return nil }
                    let link = signedIn ? guichet.link(.activityDossier(reference: reference)) : guichet.link(.lookup)
                    return try mailer.envelope(DossierMails.submitted(procedure: procedure, reference: reference, at: now,
                                                                 organisations: names, followLink: link),
                                          to: Mailbox(recipientAddress))
                },
                now: now, on: context.db)
        } catch {
            // Whatever failed, the dossier may have been transmitted by a concurrent
            // request in the meantime; otherwise it is still the draft it was.
            if let again = try? await Dossiers.find(dossier.id, on: context.db), again.state == .submitted, let reference = again.reference {
                return .alreadyTransmitted(reference: reference)
            }
            Logger(label: "guichet.submission").error("submission failed", metadata: [
                "error_type": .string(String(reflecting: type(of: error))),
            ])
            throw OperationError.unavailable("Votre demande n'a pas pu être transmise pour le moment. Vos réponses sont conservées : réessayez dans quelques instants avec le bouton « Transmettre ma demande ».")
        }
        switch outcome {
        case .submitted(let reference):
            guichet.metrics.event("dossier_submitted")
            if profileAddress != nil, let account { try await context.log(.profileUpdated, for: account.id) }
            for (rule, subject) in limits { _ = try await RateLimiter.hit(rule, subject: subject, now: now, on: context.db) }
            return .transmitted(reference: reference)
        case .alreadySubmitted(let reference):
            return .alreadyTransmitted(reference: reference)
        }
    }

    /// The dossier's address for the owner's profile, when the procedure offers it and
    /// the box was ticked (SPEC §5: never by itself); nil otherwise.
    private static func updatedProfileAddress(_ procedure: Procedure, answers: Answers, dossier: Dossier, account: Account?) -> PostalAddress? {
        guard let update = procedure.profileUpdate, let account, dossier.userID == account.id,
              answers[update.consentField] != nil else { return nil }
        switch answers[update.addressField] {
        case .delivery(let answer)?: return answer.postalAddress
        case .address(let answer)?: return answer
        default: return nil
        }
    }

    /// Whether transmitting this dossier updated its owner's profile (the confirmation
    /// page says so).
    public static func updatedProfile(_ dossier: Dossier, procedure: Procedure) -> Bool {
        guard let update = procedure.profileUpdate, dossier.userID != nil else { return false }
        return dossier.answers[update.consentField] != nil
    }

    /// Where the confirmation goes: the account's address, or the address given in the
    /// procedure's contact field.
    private static func confirmationAddress(_ dossier: Dossier, procedure: Procedure, answers: Answers, account: Account?) -> String? {
        if let account, dossier.userID == account.id { return account.email }
        if let field = procedure.contactEmailField, case .text(let email) = answers[field], !email.isEmpty { return email }
        return dossier.contactEmail
    }

    /// How an attachment is named in the summary and the receipt.
    static func attachmentTitles(_ records: [DossierAttachmentRecord]) -> [UUID: String] {
        Dictionary(records.compactMap { record in
            record.id.map { ($0, "\(record.title) (PDF, \(Text.counted(record.pages, "page")), \(ByteSize.french(record.size)))") }
        }, uniquingKeysWith: { first, _ in first })
    }
}
