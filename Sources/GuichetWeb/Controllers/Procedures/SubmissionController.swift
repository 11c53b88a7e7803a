import Foundation
import GuichetCore
import GuichetOperations
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
        let summary = try await DossierSubmission.summary(filling.dossier, in: req.operations)
        return req.render(SummaryPage(procedure: filling.procedure, dossierID: filling.dossier.id, steps: summary.steps,
                                      incompleteSteps: summary.incompleteSteps, recipients: summary.recipients,
                                      canSave: filling.procedure.savingOffered, problem: problem), status: status)
    }

    /// *Transmettre ma demande*. Idempotent: a second post for a dossier already
    /// transmitted (a double click, a retry after a lost answer) leads to the same
    /// confirmation; a failure leaves the draft as it was.
    @Sendable static func submit(req: Request) async throws -> Response {
        let body = try req.formBody()
        guard let id = UUID(uuidString: body[dossierField]), let dossier = try await DossierFilling.find(id, in: req.operations) else {
            throw WebError.seeOther(SiteURL.catalogue.path)
        }
        let heldBySession = req.session.currentDossier == id
        if dossier.isSubmitted { return try await alreadySubmitted(dossier, heldBySession: heldBySession, on: req) }
        // The dossier is read once: from here on, a concurrent transmission of it (a
        // double click) is settled by the operation, which answers the same reference.
        let filling = try await FillingController.filling(req, read: dossier)
        guard filling.dossier.id == id else { return req.redirect(to: .fillSummary) }
        switch try await DossierSubmission.submit(filling.dossier, account: filling.account, in: req.operations) {
        case .refused(let problem):
            return try await renderSummary(filling, problem: problem, status: .unprocessableEntity, on: req)
        case .transmitted(let reference), .alreadyTransmitted(let reference):
            req.session.currentDossier = nil
            req.rememberSubmitted(id)
            return req.redirect(to: .confirmation(.value(reference)))
        }
    }

    /// `heldBySession`: the dossier was this session's dossier in progress when the
    /// request began (the session may have been read before the winner's was saved).
    private static func alreadySubmitted(_ dossier: Dossier, heldBySession: Bool, on req: Request) async throws -> Response {
        let mayAnswer = if heldBySession { true } else { try await req.maySee(dossier) }
        guard mayAnswer, let reference = dossier.reference else { throw WebError.notFound }
        if req.session.currentDossier == dossier.id { req.session.currentDossier = nil }
        req.rememberSubmitted(dossier.id)
        return req.redirect(to: .confirmation(.value(reference)))
    }

    // MARK: After submission

    @Sendable static func confirmation(req: Request) async throws -> Response {
        let dossier = try await req.visibleSubmittedDossier()
        let procedure = req.guichet.procedures.procedure(dossier.procedureID)
        let transmissions = try await DossierReads.transmissions(of: dossier, in: req.operations)
        return req.render(ConfirmationPage(reference: dossier.reference ?? "", procedureTitle: procedure?.title ?? dossier.procedureID,
                                           afterSubmission: procedure?.afterSubmission ?? "", submittedAt: dossier.transmittedAt,
                                           organisations: transmissions.map { ($0.name, $0.contacts) },
                                           withAccount: dossier.userID != nil,
                                           profileUpdated: procedure.map { DossierSubmission.updatedProfile(dossier, procedure: $0) } ?? false,
                                           whereToAsk: try await DirectoryGuide.forDossier(dossier, organisationKeys: transmissions.map(\.organisationKey),
                                                                                           account: try await req.currentUser(), in: req.operations),
                                           now: req.operations.now))
    }

    @Sendable static func receipt(req: Request) async throws -> Response {
        let dossier = try await req.visibleSubmittedDossier()
        let receipt = try await DossierReads.receipt(dossier, in: req.operations)
        return Response.pdfDownload(receipt.data, title: receipt.title)
    }
}
