import Foundation
import GuichetCore
import GuichetOperations
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
        if CaptchaForm.wantsNewCode(body) {
            try await Captchas.discard(id: body[CaptchaForm.idField], in: req.operations)
            return try await page(req, form: form, errors: FieldErrors(), status: .ok)
        }
        switch try await SignUp.register(form, captcha: CaptchaForm.answer(body), in: req.operations) {
        case .failure(let errors):
            return try await page(req, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let email):
            req.session.flash(.signup, email.value)
            return req.redirect(to: .signUpSent)
        }
    }

    @Sendable static func sent(req: Request) async throws -> Response {
        req.render(SignUpSentPage(email: req.session.takeFlash(.signup)))
    }

    /// The activation link of the email.
    @Sendable static func activate(req: Request) async throws -> Response {
        let token = (try? req.query.get(String.self, at: "jeton")) ?? ""
        guard try await SignUp.activate(token: token, in: req.operations) else {
            return req.render(ExpiredLinkPage(
                explanation: "Ce lien d'activation a expiré (il est valable 24 heures) ou a déjà servi. Connectez-vous : si votre compte n'est pas encore activé, vous pourrez demander un nouveau lien.",
                next: ("Se connecter", .signIn)), status: .gone)
        }
        return req.redirect(to: SiteURL.signIn.with([("compte", "active")]), redirectType: .normal)
    }

    /// The form again (never the password) with a fresh captcha.
    private static func page(_ req: Request, form: SignUpForm, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        var shown = form
        shown.password = ""
        return req.render(SignUpPage(form: shown, errors: errors, captcha: try await Captchas.issue(in: req.operations)), status: status)
    }
}
