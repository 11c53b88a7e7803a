import Foundation
import GuichetCore
import GuichetPDF
import GuichetStore
import Vapor

/// *Récapitulatif*, *Transmettre ma demande*, the confirmation page and the PDF
/// *récapitulatif* (SPEC §4).
enum SubmissionController {
    static let dossierField = "dossier"

    @Sendable static func summary(req: Request) async throws -> Response {
        let filling = try await FillingController.filling(req)
        return try await renderSummary(filling, problem: nil, status: .ok, on: req)
    }

    private static func renderSummary(_ filling: FillingController.Filling, problem: String?, status: HTTPResponseStatus,
                                      on req: Request) async throws -> Response {
        let procedure = filling.procedure
        let answers = filling.dossier.answers
        let titles = attachmentTitles(try await DossierAttachments.list(dossierID: try filling.dossier.requireID(), on: req.db))
        let incomplete = procedure.incompleteSteps(answers, context: req.validationContext)
        let recipients = incomplete.isEmpty
            ? DossierRouting.recipients(procedure, answers: answers, catalogue: req.guichet.procedures, townHalls: req.guichet.townHalls)
            : nil
        return req.render(SummaryPage(procedure: procedure, dossierID: try filling.dossier.requireID(),
                                      steps: procedure.summary(answers, attachment: { titles[$0] }),
                                      incompleteSteps: incomplete, recipients: recipients?.map(\.name) ?? [],
                                      canSave: procedure.savingOffered, problem: problem), status: status)
    }

    /// How an attachment is named in the summary and the receipt.
    static func attachmentTitles(_ records: [DossierAttachmentRecord]) -> [UUID: String] {
        Dictionary(records.compactMap { record in
            record.id.map { ($0, "\(record.title) (PDF, \(Text.counted(record.pages, "page")), \(ByteSize.french(record.size)))") }
        }, uniquingKeysWith: { first, _ in first })
    }

    /// *Transmettre ma demande*. Idempotent: a second post for a dossier already
    /// transmitted (a double click, a retry after a lost answer) leads to the same
    /// confirmation; a failure leaves the draft as it was.
    @Sendable static func submit(req: Request) async throws -> Response {
        let body = try req.formBody()
        guard let id = UUID(uuidString: body[dossierField]), let dossier = try await Dossiers.find(id, on: req.db) else {
            throw WebError.seeOther(SiteURL.catalogue.path)
        }
        let heldBySession = req.session[DossierSessionKeys.current] == id.uuidString
        if dossier.state == .submitted { return try await alreadySubmitted(dossier, heldBySession: heldBySession, on: req) }
        // The dossier is read once: from here on, a concurrent transmission of it (a
        // double click) is settled by `Dossiers.submit`, which answers the same reference.
        let filling = try await FillingController.filling(req, read: dossier)
        guard filling.dossier.id == id else { return req.redirect(to: .fillSummary) }
        let procedure = filling.procedure
        let context = req.validationContext
        guard case .success(let answers) = procedure.validateAll(filling.dossier.answers, context: context) else {
            return try await renderSummary(filling, problem: "Votre demande est incomplète : complétez les étapes signalées avant de la transmettre.",
                                           status: .unprocessableEntity, on: req)
        }
        var complete = filling.dossier.answers
        complete.replace(fields: procedure.typedFields.map(\.id), with: answers)
        guard let recipients = DossierRouting.recipients(procedure, answers: complete, catalogue: req.guichet.procedures,
                                                         townHalls: req.guichet.townHalls) else {
            return try await renderSummary(filling, problem: "Nous ne trouvons pas l'organisme destinataire de votre demande. Vérifiez la commune indiquée.",
                                           status: .unprocessableEntity, on: req)
        }
        let recipientAddress = confirmationAddress(filling, answers: complete)
        let mailer = req.mailer
        let now = req.now
        let base = req.guichet.config.baseURL
        let signedIn = filling.dossier.userID != nil
        let names = recipients.map(\.name)
        let references = req.guichet.services.references
        let kind = filling.dossier.referenceKind
        let outcome: Dossiers.SubmitOutcome
        do {
            outcome = try await Dossiers.submit(
                id, answers: complete, contactEmail: signedIn ? nil : recipientAddress, recipients: recipients, actor: .citizen,
                newReference: { references(kind) },
                mail: { reference in
                    guard let recipientAddress else { return nil }
                    let link = signedIn ? SiteURL.activityDossier(.value(reference)).absolute(base: base) : SiteURL.lookup.absolute(base: base)
                    return mailer.compose(DossierMails.submitted(procedure: procedure, reference: reference, at: now,
                                                                 organisations: names, followLink: link),
                                          to: Mailbox(recipientAddress))
                },
                now: now, on: req.db)
        } catch {
            // Whatever failed, the dossier may have been transmitted by a concurrent
            // request in the meantime; otherwise it is still the draft it was.
            if let again = try? await Dossiers.find(id, on: req.db), again.state == .submitted {
                return try await alreadySubmitted(again, heldBySession: heldBySession, on: req)
            }
            req.logger.error("submission failed", metadata: ["error_type": .string(String(reflecting: type(of: error)))])
            throw WebError.serviceUnavailable("Votre demande n'a pas pu être transmise pour le moment. Vos réponses sont conservées : réessayez dans quelques instants avec le bouton « Transmettre ma demande ».")
        }
        req.setCurrentDossier(nil)
        req.rememberSubmitted(id)
        switch outcome {
        case .submitted(let reference):
            req.guichet.metrics.event("dossier_submitted")
            return req.redirect(to: .confirmation(.value(reference)))
        case .alreadySubmitted(let reference):
            return req.redirect(to: .confirmation(.value(reference)))
        }
    }

    /// `heldBySession`: the dossier was this session's dossier in progress when the
    /// request began (the session may have been read before the winner's was saved).
    private static func alreadySubmitted(_ dossier: DossierRecord, heldBySession: Bool, on req: Request) async throws -> Response {
        let id = try dossier.requireID()
        let mayAnswer = if heldBySession { true } else { try await req.maySee(dossier) }
        guard mayAnswer, let reference = dossier.reference else { throw WebError.notFound }
        if req.session[DossierSessionKeys.current] == id.uuidString { req.setCurrentDossier(nil) }
        req.rememberSubmitted(id)
        return req.redirect(to: .confirmation(.value(reference)))
    }

    /// Where the confirmation goes: the account's address, or the address given in the
    /// procedure's contact field.
    private static func confirmationAddress(_ filling: FillingController.Filling, answers: Answers) -> String? {
        if let user = filling.user, filling.dossier.userID == user.id { return user.email }
        if let field = filling.procedure.contactEmailField, case .text(let email) = answers[field], !email.isEmpty { return email }
        return filling.dossier.contactEmail
    }

    // MARK: After submission

    @Sendable static func confirmation(req: Request) async throws -> Response {
        let dossier = try await req.visibleSubmittedDossier()
        let procedure = req.guichet.procedures.procedure(dossier.procedureID)
        let transmissions = try await Transmissions.list(dossierID: try dossier.requireID(), on: req.db)
        return req.render(ConfirmationPage(reference: dossier.reference ?? "", procedureTitle: procedure?.title ?? dossier.procedureID,
                                           afterSubmission: procedure?.afterSubmission ?? "",
                                           submittedAt: dossier.submittedAt ?? dossier.updatedAt,
                                           organisations: transmissions.map { ($0.organisationName, $0.contacts) },
                                           withAccount: dossier.userID != nil))
    }

    @Sendable static func receipt(req: Request) async throws -> Response {
        let dossier = try await req.visibleSubmittedDossier()
        guard let procedure = req.guichet.procedures.procedure(dossier.procedureID), let reference = dossier.reference else {
            throw WebError.notFound
        }
        let records = try await DossierAttachments.list(dossierID: try dossier.requireID(), on: req.db)
        let titles = attachmentTitles(records)
        let transmissions = try await Transmissions.list(dossierID: try dossier.requireID(), on: req.db)
        let answers = dossier.answers
        let attached = answers.attachmentIDs
        let data = ProcedureDocuments.receipt(.init(
            procedure: procedure, reference: reference, submittedAt: dossier.submittedAt ?? dossier.updatedAt,
            organisations: transmissions.map(\.organisationName),
            summary: procedure.summary(answers, attachment: { titles[$0] }),
            attachments: records.filter { $0.id.map(attached.contains) ?? false }.compactMap { $0.id.flatMap { titles[$0] } }))
        return Response.pdfDownload(data, title: "Récapitulatif \(reference)")
    }
}
