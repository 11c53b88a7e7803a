import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// *Enregistrer* (SPEC §4): with an account the draft waits in *Mon activité*; without
/// one, a first save asks for an email address that receives the resume link.
enum SavingController {
    /// Saves the dossier in progress and leaves it, then opens what the user asked for
    /// on the choice page, if anything.
    static func saveAndLeave(_ filling: FillingController.Filling, on req: Request) async throws -> Response {
        switch try await DossierSaving.save(filling.dossier, in: req.operations) {
        case .notOffered:
            return try DossierOpening.resumeFilling(filling.dossier, on: req)
        case .emailRequired:
            return req.redirect(to: .fillSave)
        case .saved:
            return try await left(filling.dossier, on: req)
        }
    }

    private static func left(_ dossier: Dossier, on req: Request) async throws -> Response {
        req.session.currentDossier = nil
        req.session.flash(.dossierSaved, dossier.id.uuidString)
        if let next = req.session.nextOpening { return try await DossierOpening.openNow(next, on: req) }
        return req.redirect(to: .draftSaved)
    }

    /// The email form of a first save without an account.
    @Sendable static func form(req: Request) async throws -> Response {
        let filling = try await FillingController.filling(req)
        guard filling.dossier.userID == nil, filling.dossier.resumeNumber == nil else {
            return try DossierOpening.resumeFilling(filling.dossier, on: req)
        }
        guard filling.procedure.savingOffered else { throw WebError.notFound }
        return req.render(SaveWithoutAccountPage(procedure: filling.procedure, email: DossierSaving.proposedEmail(filling.dossier, in: req.operations),
                                                 captcha: try await Captchas.issue(in: req.operations)))
    }

    /// *Enregistrer* from the summary or the email form.
    @Sendable static func save(req: Request) async throws -> Response {
        let filling = try await FillingController.filling(req)
        guard filling.procedure.savingOffered else { throw WebError.notFound }
        let body = try req.formBody()
        guard filling.dossier.userID == nil, filling.dossier.resumeNumber == nil else { return try await saveAndLeave(filling, on: req) }
        guard body.has(DossierSaving.emailField) else { return req.redirect(to: .fillSave) }
        let typed = body[DossierSaving.emailField]
        if CaptchaForm.wantsNewCode(body) {
            try await Captchas.discard(id: body[CaptchaForm.idField], in: req.operations)
            return req.render(SaveWithoutAccountPage(procedure: filling.procedure, email: typed, captcha: try await Captchas.issue(in: req.operations)))
        }
        if let errors = try await DossierSaving.saveWithoutAccount(filling.dossier, email: typed, captcha: CaptchaForm.answer(body),
                                                                  in: req.operations) {
            return req.render(SaveWithoutAccountPage(procedure: filling.procedure, email: typed, errors: errors,
                                                     captcha: try await Captchas.issue(in: req.operations)), status: .unprocessableEntity)
        }
        return try await left(filling.dossier, on: req)
    }

    /// *Votre démarche est enregistrée*.
    @Sendable static func saved(req: Request) async throws -> Response {
        guard let id = req.session.takeFlash(.dossierSaved).flatMap(UUID.init(uuidString:)),
              let (procedure, draft) = try await DossierSaving.savedDraft(id, in: req.operations) else {
            throw WebError.seeOther(SiteURL.home.path)
        }
        return req.render(DraftSavedPage(procedure: procedure, until: draft.until, withAccount: draft.withAccount,
                                         number: draft.number, email: draft.email))
    }
}
