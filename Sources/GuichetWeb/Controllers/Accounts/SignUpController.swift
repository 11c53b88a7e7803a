import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// *Créer un compte* and the activation link.
enum SignUpController {
    @Sendable static func show(req: Request) async throws -> Response {
        try await page(req, form: SignUpForm(), errors: FieldErrors(), status: .ok)
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        guard let body = try? req.formBody() else {
            var errors = FieldErrors()
            errors.add("identifier", WebError.unreadableForm.reason)
            return try await page(req, form: SignUpForm(), errors: errors, status: .unprocessableEntity)
        }
        let form = SignUpForm(identifier: body["identifier"], password: body["password"], email: body["email"],
                              civility: body["civility"], lastName: body["lastName"], firstNames: body["firstNames"])
        if body["_action"] == Captchas.newCodeAction {
            try await Captchas.discard(body, on: req)
            return try await page(req, form: form, errors: FieldErrors(), status: .ok)
        }
        let verdict = try await Captchas.verify(body, on: req)
        var errors = FieldErrors()
        let validation = form.validate()
        if case .failure(let fieldErrors) = validation { errors = fieldErrors }
        if errors["identifier"] == nil, try await Accounts.isTaken(identifier: form.identifier, on: req.db) {
            errors.add("identifier", takenMessage)
        }
        if let message = verdict.message { errors.add(Captchas.codeField, message) }
        guard errors.isEmpty, case .success(let valid) = validation else {
            return try await page(req, form: form, errors: reordered(errors), status: .unprocessableEntity)
        }

        let hash = try await req.guichet.services.passwords.hash(valid.password)
        let now = req.now
        let mailer = req.mailer
        let address = req.clientAddress
        do {
            try await req.db.writeTransaction { db in
                let user = try await Accounts.create(valid, passwordHash: hash, now: now, on: db)
                let id = try user.requireID()
                try await SecurityEvents.record(.accountCreated, userID: id, address: address, now: now, on: db)
                let link = try await AccountLinks.issue(.confirmEmail, userID: id, target: .activate, on: db, request: req)
                try await OutboxQueue.enqueue(mailer.compose(AccountMails.activation(identifier: user.identifier, link: link),
                                                             to: Mailbox(valid.email.value)), on: db, now: now)
            }
        } catch Accounts.CreationError.identifierTaken {
            errors.add("identifier", takenMessage)
            return try await page(req, form: form, errors: errors, status: .unprocessableEntity)
        }
        req.guichet.metrics.event("account_created")
        req.session.flash("signup", valid.email.value)
        return req.redirect(to: .signUpSent)
    }

    static let takenMessage = "Cet identifiant est déjà utilisé : choisissez-en un autre."

    @Sendable static func sent(req: Request) async throws -> Response {
        req.render(SignUpSentPage(email: req.session.takeFlash("signup")))
    }

    /// The activation link of the email.
    @Sendable static func activate(req: Request) async throws -> Response {
        let token = (try? req.query.get(String.self, at: "jeton")) ?? ""
        let now = req.now
        let address = req.clientAddress
        let activated = try await req.db.writeTransaction { db -> Bool in
            guard let used = try await AccountTokens.consume(tokenHash: TokenHash.sha256(token), purpose: .confirmEmail, now: now, on: db) else {
                return false
            }
            try await Accounts.confirmEmail(used.userID, now: now, on: db)
            try await SecurityEvents.record(.emailConfirmed, userID: used.userID, address: address, now: now, on: db)
            return true
        }
        guard activated else {
            return req.render(ExpiredLinkPage(
                explanation: "Ce lien d'activation a expiré (il est valable 24 heures) ou a déjà servi. Connectez-vous : si votre compte n'est pas encore activé, vous pourrez demander un nouveau lien.",
                next: ("Se connecter", .signIn)), status: .gone)
        }
        return req.redirect(to: SiteURL.signIn.with([("compte", "active")]), redirectType: .normal)
    }

    private static func page(_ req: Request, form: SignUpForm, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        var shown = form
        shown.password = ""
        return req.render(SignUpPage(form: shown, errors: errors, captcha: try await Captchas.issue(on: req)), status: status)
    }

    /// Errors in the order of the page's fields.
    private static func reordered(_ errors: FieldErrors) -> FieldErrors {
        var ordered = FieldErrors()
        for field in ["identifier", "password", "email", "civility", "lastName", "firstNames", Captchas.codeField] {
            if let message = errors[field] { ordered.add(field, message) }
        }
        return ordered
    }
}
