import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// *Enregistrer* (SPEC §4): the dossier becomes *sauvegardé* for 15 days. With an
/// account it waits in *Mon activité*; without one, the user gets by email a resume
/// link, a *numéro de télédossier* and a password (stored hashed).
public enum DossierSaving {
    public enum Outcome: Sendable, Equatable {
        case saved
        /// The procedure offers no saving: back to filling.
        case notOffered
        /// A first save without an account: an email address is needed first.
        case emailRequired
    }

    /// Saves the dossier in progress (an account's, or one saved before without an
    /// account, which gets a new email with its link).
    public static func save(_ dossier: Dossier, in context: OperationContext) async throws -> Outcome {
        let procedure = try context.guichet.procedure(of: dossier)
        guard procedure.savingOffered else { return .notOffered }
        guard let record = try await Dossiers.find(dossier.id, on: context.db) else { throw OperationError.notFound }
        let now = context.now
        if dossier.userID == nil {
            guard let number = dossier.resumeNumber, let email = dossier.contactEmail else { return .emailRequired }
            let mail = try context.mailer.envelope(
                DossierMails.savedAgainWithoutAccount(procedure: procedure, link: context.guichet.link(.resume(number: number)),
                                                      number: number, until: DraftPolicy.expiry(savedAt: now)),
                to: Mailbox(email))
            try await OperationError.whileTheDossierExists { try await Dossiers.save(record, access: nil, mail: mail, now: now, on: context.db) }
        } else {
            try await OperationError.whileTheDossierExists { try await Dossiers.save(record, access: nil, mail: nil, now: now, on: context.db) }
        }
        context.guichet.metrics.event("dossier_saved")
        return .saved
    }

    /// The address the email form proposes: the one typed in the procedure's contact field.
    public static func proposedEmail(_ dossier: Dossier, in context: OperationContext) -> String {
        if let field = context.guichet.procedures.procedure(dossier.procedureID)?.contactEmailField,
           case .text(let value) = dossier.answers[field] { return value }
        return ""
    }

    /// A first save without an account: a number and a password are drawn (the number
    /// again if already taken) and sent to `email` with the resume link.
    public static func saveWithoutAccount(_ dossier: Dossier, email typed: String, captcha: CaptchaAnswer,
                                          in context: OperationContext) async throws -> FieldErrors? {
        let procedure = try context.guichet.procedure(of: dossier)
        guard procedure.savingOffered else { throw OperationError.notFound }
        // Each save emails a link and a password: a captcha and limits per client and
        // per address keep the portal from being used to flood a mailbox.
        let verdict = try await Captchas.verify(captcha, in: context)
        var errors = FieldErrors()
        let read = EmailAddress.read(typed, whenEmpty: "Saisissez votre adresse électronique.")
        if case .failure(let refusal) = read { errors.add(emailField, refusal.message) }
        if let message = verdict.message { errors.add(Captchas.codeField, message) }
        guard errors.isEmpty, case .success(let email) = read else { return errors }
        try await OperationError.limit(.anonymousSaves, subject: context.clientLimitKey, in: context)
        try await OperationError.limit(.anonymousSavesPerRecipient, subject: email.comparisonKey, in: context)
        guard let record = try await Dossiers.find(dossier.id, on: context.db) else { throw OperationError.notFound }
        let password = ResumeCredentials.newPassword()
        let hash = try await context.guichet.services.passwords.hash(password)
        let now = context.now
        let mailer = context.mailer
        for attempt in 1...5 {
            let number = ResumeCredentials.newNumber()
            let mail = try mailer.envelope(DossierMails.savedWithoutAccount(procedure: procedure, link: context.guichet.link(.resume(number: number)),
                                                                       number: number, password: password,
                                                                       until: DraftPolicy.expiry(savedAt: now)),
                                      to: Mailbox(email.value))
            do {
                try await OperationError.whileTheDossierExists {
                    try await Dossiers.save(record, access: .init(number: number, passwordHash: hash, email: email.value),
                                            mail: mail, now: now, on: context.db)
                }
                context.guichet.metrics.event("dossier_saved")
                return nil
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 5 {
                // A number already taken (unique constraint) is drawn again.
                continue
            }
        }
        throw OperationError.unavailable("Votre démarche n'a pas pu être enregistrée. Réessayez dans quelques instants.")
    }

    /// The email field of the first save without an account.
    public static let emailField = "courriel"

    /// What *Votre démarche est enregistrée* shows; nil when the dossier is not a saved draft.
    public struct SavedDraft: Sendable, Equatable {
        public let procedure: String
        public let until: Date
        public let withAccount: Bool
        public let number: String?
        public let email: String?
    }

    public static func savedDraft(_ id: UUID, in context: OperationContext) async throws -> (procedure: Procedure, draft: SavedDraft)? {
        guard let dossier = try await Dossiers.find(id, on: context.db)?.dossier, dossier.state == .saved,
              let procedure = context.guichet.procedures.procedure(dossier.procedureID), let savedAt = dossier.savedAt else { return nil }
        return (procedure, SavedDraft(procedure: procedure.title, until: DraftPolicy.expiry(savedAt: savedAt),
                                      withAccount: dossier.userID != nil, number: dossier.resumeNumber, email: dossier.contactEmail))
    }
}
