import Foundation
import GuichetCore
import GuichetPDF
import GuichetStore
import Vapor

/// Filling the dossier in progress, one step per page (SPEC §4): *Continuer*,
/// *Précédent*, *Enregistrer*, *Abandonner*, the attachments of a step.
enum FillingController {
    /// The dossier in progress in this session, its procedure and the account.
    struct Filling {
        let dossier: DossierRecord
        let procedure: Procedure
        let user: UserRecord?
    }

    enum Action: String {
        case next = "continuer"
        case previous = "precedent"
        case save = "enregistrer"
    }

    static func filling(_ req: Request, read: DossierRecord? = nil) async throws -> Filling {
        guard let dossier = try await req.currentDossier(read: read) else {
            throw WebError.seeOther(req.isSignedIn ? SiteURL.activity.path : SiteURL.catalogue.path)
        }
        let procedure = try req.procedure(of: dossier)
        let user = try await req.currentUser()
        if procedure.accountRequired, user == nil {
            throw WebError.seeOther(SiteURL.signIn.with([("retour", req.url.path)]))
        }
        return Filling(dossier: dossier, procedure: procedure, user: user)
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
        var attachments: [String: ProcedureFieldInput.AttachmentContext] = [:]
        if step.hasAttachments {
            let records = try await DossierAttachments.list(dossierID: try filling.dossier.requireID(), on: req.db)
            var wallet: [Choice]?
            if let userID = filling.user?.id {
                wallet = try await Wallet.list(userID: userID, on: req.db).compactMap { document in
                    document.id.map { Choice(value: $0.uuidString, label: "\(document.title) (\(Text.counted(document.pages, "page")))") }
                }
            }
            for field in step.attachmentFields {
                var context = ProcedureFieldInput.AttachmentContext(wallet: wallet)
                if case .attachment(let id) = filling.dossier.answers[field.id], let record = records.first(where: { $0.id == id }) {
                    context.current = (record.title, .fillAttachment(.value(id.uuidString)))
                }
                attachments[field.id] = context
            }
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
        let work = req.guichet.config.workDirectory.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let submission: StepSubmission
        switch try await StepSubmission.read(req, attachmentFields: step.attachmentFields.count, into: work) {
        case .success(let read):
            submission = read
        case .failure(.unreadable):
            throw WebError.unreadableForm
        case .failure(.tooLarge(let field)):
            var errors = FieldErrors()
            let target = field.flatMap { name in step.attachmentFields.first { $0.id == name } } ?? step.attachmentFields.first
            errors.add(target?.id ?? FieldNames.first(step.fields[0]),
                       DocumentError.fileTooLarge(maximum: DocumentLimits.maximumFileBytes).message)
            return try await renderStep(filling, index: index, answers: filling.dossier.answers, errors: errors,
                                        fromSummary: false, filesLost: true, on: req)
        }
        let input = submission.fields.submitted
        let action = Action(rawValue: input["_action"]) ?? .next
        let fromSummary = input["retour"] == "recapitulatif"
        let mode: ValidationMode = action == .next ? .strict : .lenient
        let typed = step.typedAnswers(input)
        var shown = filling.dossier.answers
        shown.replace(fields: step.typedFields.map(\.id), with: typed)

        var errors = FieldErrors()
        var valid = Answers()
        switch procedure.validate(step.typedFields, answers: typed, mode: mode, context: req.validationContext) {
        case .success(let answers): valid = answers
        case .failure(let problems): errors = problems
        }
        // Files are only read once the rest of the step is right: a file cannot be
        // kept across a refused form, so the user is not asked to choose it twice.
        var decisions: [String: AttachmentIntake.Decision] = [:]
        if errors.isEmpty, step.hasAttachments {
            let prepared = try await AttachmentIntake.prepare(step, submission: submission, userID: filling.user?.id, work: work, on: req)
            decisions = prepared.decisions
            errors = prepared.errors
            if errors.isEmpty, mode == .strict {
                errors = missingAttachments(step, decisions: decisions, current: filling.dossier.answers, procedure: procedure, req: req)
            }
        }
        guard errors.isEmpty else {
            return try await renderStep(filling, index: index, answers: shown, errors: errors, fromSummary: fromSummary,
                                        filesLost: !submission.files.isEmpty, on: req)
        }

        let attached = try await AttachmentIntake.store(decisions, current: filling.dossier.answers, dossier: filling.dossier,
                                                        procedure: procedure, on: req)
        var answers = filling.dossier.answers
        answers.replace(fields: step.typedFields.map(\.id), with: valid)
        answers.replace(fields: step.attachmentFields.map(\.id), with: attached)
        let nextStep = action == .next && !fromSummary ? min(index + 1, procedure.steps.count - 1) : index
        try await Dossiers.update(filling.dossier, answers: answers, step: nextStep, now: req.now, on: req.db)
        if step.hasAttachments {
            try await DossierAttachments.removeUnused(dossierID: try filling.dossier.requireID(), keeping: answers.attachmentIDs,
                                                      blobs: req.guichet.blobs, on: req.db)
        }

        switch action {
        case .previous:
            return req.redirect(to: .fillStep(.value(String(max(index, 1)))))
        case .save:
            return try await SavingController.saveAndLeave(filling, on: req)
        case .next:
            if fromSummary || index == procedure.steps.count - 1 { return req.redirect(to: .fillSummary) }
            return req.redirect(to: .fillStep(.value(String(index + 2))))
        }
    }

    /// Required attachment fields left empty by this post.
    private static func missingAttachments(_ step: Step, decisions: [String: AttachmentIntake.Decision], current: Answers,
                                           procedure: Procedure, req: Request) -> FieldErrors {
        var after = Answers()
        for field in step.attachmentFields {
            switch decisions[field.id] {
            case .attach: after[field.id] = .attachment(UUID())
            case .remove: after[field.id] = nil
            case .keep, nil: after[field.id] = current[field.id]
            }
        }
        if case .failure(let errors) = procedure.validate(step.attachmentFields, answers: after, mode: .strict, context: req.validationContext) {
            return errors
        }
        return FieldErrors()
    }

    /// A document attached to the dossier in progress.
    @Sendable static func attachment(req: Request) async throws -> Response {
        let filling = try await filling(req)
        guard let id = req.parameters.get("attachment").flatMap(UUID.init(uuidString:)),
              let record = try await DossierAttachments.find(id, dossierID: try filling.dossier.requireID(), on: req.db),
              let data = try await req.guichet.blobs.get(record.blobKey, on: req.db) else { throw WebError.notFound }
        return Response.pdfDownload(data, title: record.title)
    }

    // MARK: Abandon

    @Sendable static func abandonForm(req: Request) async throws -> Response {
        let filling = try await filling(req)
        return req.render(AbandonPage(procedure: filling.procedure, wasSaved: filling.dossier.state == .saved))
    }

    @Sendable static func abandon(req: Request) async throws -> Response {
        let filling = try await filling(req)
        try await Dossiers.delete(filling.dossier, transition: .abandon, blobs: req.guichet.blobs, on: req.db)
        req.setCurrentDossier(nil)
        req.session.flash("catalogue", "La démarche « \(filling.procedure.title) » a été abandonnée et ses réponses supprimées.")
        return req.redirect(to: .catalogue)
    }

    // MARK: One procedure at a time

    @Sendable static func conflict(req: Request) async throws -> Response {
        guard let next = PendingOpening(req.session[DossierSessionKeys.next]) else { throw WebError.seeOther(SiteURL.catalogue.path) }
        guard let current = try await req.currentDossier() else { return try await DossierOpening.openNow(next, on: req) }
        let procedure = try req.procedure(of: current)
        return req.render(ConflictPage(current: procedure, next: try await title(of: next, on: req), canSave: procedure.savingOffered))
    }

    @Sendable static func resolveConflict(req: Request) async throws -> Response {
        guard let next = PendingOpening(req.session[DossierSessionKeys.next]) else { throw WebError.seeOther(SiteURL.catalogue.path) }
        guard let current = try await req.currentDossier() else { return try await DossierOpening.openNow(next, on: req) }
        let body = try req.formBody()
        switch body["_action"] {
        case "enregistrer":
            // A procedure without saving goes back to filling.
            let filling = Filling(dossier: current, procedure: try req.procedure(of: current), user: try await req.currentUser())
            return try await SavingController.saveAndLeave(filling, on: req)
        case "abandonner":
            try await Dossiers.delete(current, transition: .abandon, blobs: req.guichet.blobs, on: req.db)
            req.setCurrentDossier(nil)
            return try await DossierOpening.openNow(next, on: req)
        default:
            req.session[DossierSessionKeys.next] = nil
            return try DossierOpening.resumeFilling(current, on: req)
        }
    }

    private static func title(of next: PendingOpening, on req: Request) async throws -> String {
        switch next {
        case .procedure(let id): return req.guichet.procedures.procedure(id)?.title ?? id
        case .dossier(let id):
            guard let dossier = try await Dossiers.find(id, on: req.db) else { return "" }
            return req.guichet.procedures.procedure(dossier.procedureID)?.title ?? ""
        }
    }
}
