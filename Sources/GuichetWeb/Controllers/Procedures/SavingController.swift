import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// *Enregistrer* (SPEC §4): the dossier becomes *sauvegardé* for 15 days. With an
/// account it waits in *Mon activité*; without one, the user gets by email a resume
/// link, a *numéro de télédossier* and a password (stored hashed).
enum SavingController {
    static let emailField = "courriel"

    /// Saves the dossier in progress and leaves it, then opens what the user asked for
    /// on the choice page, if anything. A first save without an account asks for an
    /// email address first.
    static func saveAndLeave(_ filling: FillingController.Filling, on req: Request) async throws -> Response {
        let dossier = filling.dossier
        guard filling.procedure.savingOffered else { return try DossierOpening.resumeFilling(dossier, on: req) }
        if dossier.userID == nil {
            guard let number = dossier.resumeNumber, let email = dossier.contactEmail else { return req.redirect(to: .fillSave) }
            let mail = req.mailer.compose(
                DossierMails.savedAgainWithoutAccount(procedure: filling.procedure, link: resumeLink(number, req),
                                                      number: number, until: DraftPolicy.expiry(savedAt: req.now)),
                to: Mailbox(email))
            try await Dossiers.save(dossier, access: nil, mail: mail, now: req.now, on: req.db)
        } else {
            try await Dossiers.save(dossier, access: nil, mail: nil, now: req.now, on: req.db)
        }
        return try await left(dossier, on: req)
    }

    private static func left(_ dossier: DossierRecord, on req: Request) async throws -> Response {
        req.setCurrentDossier(nil)
        req.session.flash(DossierSessionKeys.savedFlash, try dossier.requireID().uuidString)
        req.guichet.metrics.event("dossier_saved")
        if let next = PendingOpening(req.session[DossierSessionKeys.next]) { return try await DossierOpening.openNow(next, on: req) }
        return req.redirect(to: .draftSaved)
    }

    static func resumeLink(_ number: String, _ req: Request) -> String {
        SiteURL.resume(.value(number)).absolute(base: req.guichet.config.baseURL)
    }

    /// The email form of a first save without an account.
    @Sendable static func form(req: Request) async throws -> Response {
        let filling = try await FillingController.filling(req)
        guard filling.dossier.userID == nil, filling.dossier.resumeNumber == nil else {
            return try DossierOpening.resumeFilling(filling.dossier, on: req)
        }
        guard filling.procedure.savingOffered else { throw WebError.notFound }
        var email = ""
        if let field = filling.procedure.contactEmailField, case .text(let value) = filling.dossier.answers[field] { email = value }
        return req.render(SaveWithoutAccountPage(procedure: filling.procedure, email: email))
    }

    /// *Enregistrer* from the summary or the email form.
    @Sendable static func save(req: Request) async throws -> Response {
        let filling = try await FillingController.filling(req)
        let dossier = filling.dossier
        guard filling.procedure.savingOffered else { throw WebError.notFound }
        let body = try req.formBody()
        guard dossier.userID == nil, dossier.resumeNumber == nil else { return try await saveAndLeave(filling, on: req) }
        guard body.has(emailField) else { return req.redirect(to: .fillSave) }
        let typed = body[emailField]
        let email: EmailAddress
        switch EmailAddress.read(typed, whenEmpty: "Saisissez votre adresse électronique.") {
        case .success(let address):
            email = address
        case .failure(let refusal):
            var errors = FieldErrors()
            errors.add(emailField, refusal.message)
            return req.render(SaveWithoutAccountPage(procedure: filling.procedure, email: typed, errors: errors), status: .unprocessableEntity)
        }
        let password = ResumeCredentials.newPassword()
        let hash = try await req.guichet.services.passwords.hash(password)
        let mailer = req.mailer
        // A number already taken (unique constraint) is drawn again.
        for attempt in 1...5 {
            let number = ResumeCredentials.newNumber()
            let mail = mailer.compose(DossierMails.savedWithoutAccount(procedure: filling.procedure, link: resumeLink(number, req),
                                                                       number: number, password: password,
                                                                       until: DraftPolicy.expiry(savedAt: req.now)),
                                      to: Mailbox(email.value))
            do {
                try await Dossiers.save(dossier, access: .init(number: number, passwordHash: hash, email: email.value),
                                        mail: mail, now: req.now, on: req.db)
                return try await left(dossier, on: req)
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 5 {
                continue
            }
        }
        throw WebError.serviceUnavailable("Votre démarche n'a pas pu être enregistrée. Réessayez dans quelques instants.")
    }

    /// *Votre démarche est enregistrée*.
    @Sendable static func saved(req: Request) async throws -> Response {
        guard let id = req.session.takeFlash(DossierSessionKeys.savedFlash).flatMap(UUID.init(uuidString:)),
              let dossier = try await Dossiers.find(id, on: req.db), dossier.state == .saved,
              let procedure = req.guichet.procedures.procedure(dossier.procedureID), let savedAt = dossier.savedAt else {
            throw WebError.seeOther(SiteURL.home.path)
        }
        return req.render(DraftSavedPage(procedure: procedure, until: DraftPolicy.expiry(savedAt: savedAt),
                                         withAccount: dossier.userID != nil, number: dossier.resumeNumber,
                                         email: dossier.contactEmail))
    }
}
