import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// *Identifiant oublié ?*, *Mot de passe oublié ?* and *Numéro de téléphone modifié*.
/// Both recovery forms answer the same way whether or not an account matched.
enum RecoveryController {
    @Sendable static func forgotIdentifier(req: Request) async throws -> Response {
        req.render(ForgotIdentifierPage(captcha: try await Captchas.issue(in: req.operations)))
    }

    @Sendable static func submitForgotIdentifier(req: Request) async throws -> Response {
        let body = (try? req.formBody()) ?? FormBody([])
        let typed = body["email"]
        if CaptchaForm.wantsNewCode(body) {
            try await Captchas.discard(id: body[CaptchaForm.idField], in: req.operations)
            return req.render(ForgotIdentifierPage(email: typed, captcha: try await Captchas.issue(in: req.operations)))
        }
        if let errors = try await Recovery.forgotIdentifier(email: typed, captcha: CaptchaForm.answer(body), in: req.operations) {
            return req.render(ForgotIdentifierPage(email: typed, errors: errors, captcha: try await Captchas.issue(in: req.operations)),
                              status: .unprocessableEntity)
        }
        return req.redirect(to: .forgotIdentifierSent)
    }

    @Sendable static func forgotIdentifierSent(req: Request) async throws -> Response {
        req.render(RecoverySentPage.identifier)
    }

    @Sendable static func forgotPassword(req: Request) async throws -> Response {
        req.render(ForgotPasswordPage(captcha: try await Captchas.issue(in: req.operations)))
    }

    @Sendable static func submitForgotPassword(req: Request) async throws -> Response {
        let body = (try? req.formBody()) ?? FormBody([])
        let identifier = body["identifier"]
        if CaptchaForm.wantsNewCode(body) {
            try await Captchas.discard(id: body[CaptchaForm.idField], in: req.operations)
            return req.render(ForgotPasswordPage(identifier: identifier, captcha: try await Captchas.issue(in: req.operations)))
        }
        if let errors = try await Recovery.forgotPassword(identifier: identifier, captcha: CaptchaForm.answer(body), in: req.operations) {
            return req.render(ForgotPasswordPage(identifier: identifier, errors: errors, captcha: try await Captchas.issue(in: req.operations)),
                              status: .unprocessableEntity)
        }
        return req.redirect(to: .forgotPasswordSent)
    }

    @Sendable static func forgotPasswordSent(req: Request) async throws -> Response {
        req.render(RecoverySentPage.password)
    }

    static let expiredResetLink = ExpiredLinkPage(
        explanation: "Ce lien pour choisir un nouveau mot de passe a expiré (il est valable 30 minutes) ou a déjà servi. Faites une nouvelle demande.",
        next: ("Mot de passe oublié ?", .forgotPassword))

    @Sendable static func resetForm(req: Request) async throws -> Response {
        let token = (try? req.query.get(String.self, at: "jeton")) ?? ""
        guard try await Recovery.resetLinkIsLive(token: token, in: req.operations) else { return req.render(expiredResetLink, status: .gone) }
        return req.render(ResetPasswordPage(token: token))
    }

    @Sendable static func submitReset(req: Request) async throws -> Response {
        let body = (try? req.formBody()) ?? FormBody([])
        let token = body["jeton"]
        switch try await Recovery.resetPassword(token: token, password: body["password"], in: req.operations) {
        case .expired:
            return req.render(expiredResetLink, status: .gone)
        case .refused(let errors):
            return req.render(ResetPasswordPage(token: token, errors: errors), status: .unprocessableEntity)
        case .done:
            req.session.destroy()
            return req.redirect(to: SiteURL.signIn.with([("mot-de-passe", "modifie")]), redirectType: .normal)
        }
    }

    @Sendable static func phoneChanged(req: Request) async throws -> Response {
        req.render(PhoneChangedPage())
    }

    @Sendable static func submitPhoneChanged(req: Request) async throws -> Response {
        let body = (try? req.formBody()) ?? FormBody([])
        let identifier = body["identifier"]
        if let refused = try await Recovery.removeSecondFactor(identifier: identifier, password: body["password"],
                                                               unlockCode: body["unlockCode"], in: req.operations) {
            return req.render(PhoneChangedPage(identifier: identifier, errors: refused.errors),
                              status: refused.throttled ? .tooManyRequests : .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.signIn.with([("code", "retire")]), redirectType: .normal)
    }
}
