import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// Filling the dossier in progress, one step per page (SPEC §4): *Continuer*,
/// *Précédent*, *Enregistrer*, *Abandonner*, the attachments of a step.
enum FillingController {
    /// The dossier in progress in this session, its procedure and the account.
    struct Filling {
        let dossier: Dossier
        let procedure: Procedure
        let account: Account?
    }

    /// The session's dossier in progress, or the page to go to instead.
    static func filling(_ req: Request, read: Dossier? = nil) async throws -> Filling {
        guard let dossier = try await req.currentDossier(read: read) else {
            throw WebError.seeOther(req.isSignedIn ? SiteURL.activity.path : SiteURL.catalogue.path)
        }
        let procedure = try req.guichet.procedure(of: dossier)
        let account = try await req.currentUser()
        if procedure.accountRequired, account == nil {
            throw WebError.seeOther(SiteURL.signIn.with([("retour", req.url.path)]))
        }
        return Filling(dossier: dossier, procedure: procedure, account: account)
    }

    private static func stepIndex(_ req: Request, in procedure: Procedure) throws -> Int {
        guard let number = req.parameters.get("step").flatMap(Int.init), number >= 1, number <= procedure.steps.count else {
            throw WebError.notFound
        }
        return number - 1
    }

    @Sendable static func showStep(req: Request) async throws -> Response {
        let filling = try await filling(req)
        let index = try stepIndex(req, in: filling.procedure)
        let fromSummary = (try? req.query.get(String.self, at: "retour")) == "recapitulatif"
        return try await renderStep(filling, index: index, answers: filling.dossier.answers, errors: FieldErrors(),
                                    fromSummary: fromSummary, on: req)
    }

    static func renderStep(_ filling: Filling, index: Int, answers: Answers, errors: FieldErrors, fromSummary: Bool,
                           filesLost: Bool = false, on req: Request) async throws -> Response {
        let step = filling.procedure.steps[index]
        let choices = try await DossierFilling.attachmentChoices(filling.dossier, step: step, account: filling.account, in: req.operations)
        let attachments = choices.mapValues { choice in
            ProcedureFieldInput.AttachmentContext(
                current: choice.current.map { ($0.label, SiteURL.fillAttachment(.value($0.id.uuidString))) },
                wallet: choice.wallet?.map { Choice(value: $0.id.uuidString, label: $0.label) })
        }
        let page = StepPage(procedure: filling.procedure, index: index, answers: answers, errors: errors,
                            attachments: attachments, fromSummary: fromSummary, filesLost: filesLost)
        return req.render(page, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable static func submitStep(req: Request) async throws -> Response {
        let filling = try await filling(req)
        let procedure = filling.procedure
        let index = try stepIndex(req, in: procedure)
        let step = procedure.steps[index]
        let work = try WorkFolder.make(req)
        defer { WorkFolder.remove(work) }

        let submission: StepSubmission
        switch try await StepSubmission.read(req, attachmentFields: step.attachmentFields.count, into: work) {
        case .success(let read):
            submission = read
        case .failure(.unreadable):
            throw WebError.unreadableForm
        case .failure(.tooLarge(let field)):
            var errors = FieldErrors()
            let target = field.flatMap { name in step.attachmentFields.first { $0.id == name } } ?? step.attachmentFields.first
            errors.add(target?.id ?? FieldNames.first(step.fields[0]), DocumentLimits.fileTooLargeMessage())
            return try await renderStep(filling, index: index, answers: filling.dossier.answers, errors: errors,
                                        fromSummary: false, filesLost: true, on: req)
        }
        let input = submission.fields.submitted
        let action = DossierFilling.Action(rawValue: input["_action"]) ?? .next
        let fromSummary = input["retour"] == "recapitulatif"
        switch try await DossierFilling.submitStep(filling.dossier, index: index, input: input, files: submission.uploads, action: action,
                                                   fromSummary: fromSummary, account: filling.account, work: work, in: req.operations) {
        case .refused(let shown, let errors, let filesLost):
            return try await renderStep(filling, index: index, answers: shown, errors: errors, fromSummary: fromSummary,
                                        filesLost: filesLost, on: req)
        case .stored(let dossier):
            switch action {
            case .previous:
                return req.redirect(to: .fillStep(.value(String(max(index, 1)))))
            case .save:
                return try await SavingController.saveAndLeave(Filling(dossier: dossier, procedure: procedure, account: filling.account), on: req)
            case .next:
                if fromSummary || index == procedure.steps.count - 1 { return req.redirect(to: .fillSummary) }
                return req.redirect(to: .fillStep(.value(String(index + 2))))
            }
        }
    }

    /// A document attached to the dossier in progress.
    @Sendable static func attachment(req: Request) async throws -> Response {
        let filling = try await filling(req)
        guard let id = req.parameters.get("attachment").flatMap(UUID.init(uuidString:)) else { throw WebError.notFound }
        let content = try await DossierFilling.attachment(id, of: filling.dossier, in: req.operations)
        return Response.pdfDownload(content.data, title: content.title)
    }

    // MARK: Abandon

    @Sendable static func abandonForm(req: Request) async throws -> Response {
        let filling = try await filling(req)
        return req.render(AbandonPage(procedure: filling.procedure, wasSaved: filling.dossier.state == .saved))
    }

    @Sendable static func abandon(req: Request) async throws -> Response {
        let filling = try await filling(req)
        try await DossierFilling.abandon(filling.dossier, in: req.operations)
        req.session.currentDossier = nil
        req.session.flash(.catalogue, "La démarche « \(filling.procedure.title) » a été abandonnée et ses réponses supprimées.")
        return req.redirect(to: .catalogue)
    }

    // MARK: One procedure at a time

    @Sendable static func conflict(req: Request) async throws -> Response {
        guard let next = req.session.nextOpening else { throw WebError.seeOther(SiteURL.catalogue.path) }
        guard let current = try await req.currentDossier() else { return try await DossierOpening.openNow(next, on: req) }
        let procedure = try req.guichet.procedure(of: current)
        return req.render(ConflictPage(current: procedure, next: try await title(of: next, on: req), canSave: procedure.savingOffered))
    }

    @Sendable static func resolveConflict(req: Request) async throws -> Response {
        guard let next = req.session.nextOpening else { throw WebError.seeOther(SiteURL.catalogue.path) }
        guard let current = try await req.currentDossier() else { return try await DossierOpening.openNow(next, on: req) }
        let body = try req.formBody()
        switch body["_action"] {
        case "enregistrer":
            // A procedure without saving goes back to filling.
            let filling = Filling(dossier: current, procedure: try req.guichet.procedure(of: current), account: try await req.currentUser())
            return try await SavingController.saveAndLeave(filling, on: req)
        case "abandonner":
            try await DossierFilling.abandon(current, in: req.operations)
            req.session.currentDossier = nil
            return try await DossierOpening.openNow(next, on: req)
        default:
            req.session.nextOpening = nil
            return try DossierOpening.resumeFilling(current, on: req)
        }
    }

    private static func title(of next: PendingOpening, on req: Request) async throws -> String {
        switch next {
        case .procedure(let id): return req.guichet.procedures.procedure(id)?.title ?? id
        case .dossier(let id):
            guard let dossier = try await DossierFilling.find(id, in: req.operations) else { return "" }
            return req.guichet.procedures.procedure(dossier.procedureID)?.title ?? ""
        }
    }
}
