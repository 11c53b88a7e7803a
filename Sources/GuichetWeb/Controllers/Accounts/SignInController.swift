import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// *Se connecter*, the second-factor step, *Déconnexion*.
enum SignInController {
    @Sendable static func show(req: Request) async throws -> Response {
        if try await req.currentUser() != nil { return req.redirect(to: .account) }
        let query = (try? req.query.decode([String: String].self)) ?? [:]
        return req.render(SignInPage(notice: SignInPage.notice(for: query), returnTo: ReturnPath.validated(query["retour"])))
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        guard let body = try? req.formBody() else { return unreadable(req) }
        let identifier = body["identifier"], password = body["password"]
        let returnTo = ReturnPath.validated(body["retour"])
        var errors = FieldErrors()
        switch try await SignIn.submitPassword(identifier: identifier, password: password, returnTo: returnTo, in: req.operations) {
        case .incomplete(let missing):
            return req.render(SignInPage(identifier: identifier, errors: missing, returnTo: returnTo), status: .unprocessableEntity)
        case .refused(let refusal):
            errors.add("identifier", refusal.message)
            return req.render(SignInPage(identifier: identifier, errors: errors, returnTo: returnTo),
                              status: refusal == .throttled ? .tooManyRequests : .unprocessableEntity)
        case .awaitingActivation(let userID):
            req.session.unconfirmedUser = userID
            return req.render(SignInPage(identifier: identifier, returnTo: returnTo, awaitingActivation: true), status: .forbidden)
        case .signedIn(let account):
            return signedIn(account, returnTo: returnTo, on: req)
        case .codeRequired(let pending):
            req.session.pendingSignIn = pending
            return req.redirect(to: .signInCode)
        }
    }

    /// The session becomes the account's under a new token, with a new form token.
    static func signedIn(_ account: Account, returnTo: String?, on req: Request) -> Response {
        req.session.clearPendingSignIn()
        req.session.signIn(userID: account.id)
        req.rotateCSRFToken()
        return req.redirect(to: returnTo ?? SiteURL.account.path, redirectType: .normal)
    }

    @Sendable static func showCode(req: Request) async throws -> Response {
        guard let pending = req.session.pendingSignIn, let prompt = try await SignIn.prompt(pending, in: req.operations) else {
            req.session.clearPendingSignIn()
            return req.redirect(to: .signIn)
        }
        return req.render(codePage(prompt))
    }

    static func codePage(_ prompt: SignIn.CodePrompt, errors: FieldErrors = FieldErrors(), notice: PageNotice? = nil) -> SignInCodePage {
        SignInCodePage(kind: prompt.kind, maskedPhone: prompt.maskedPhone, errors: errors, notice: notice)
    }

    @Sendable static func submitCode(req: Request) async throws -> Response {
        guard let pending = req.session.pendingSignIn, let prompt = try await SignIn.prompt(pending, in: req.operations) else {
            req.session.clearPendingSignIn()
            return req.redirect(to: .signIn)
        }
        guard let body = try? req.formBody() else { return unreadable(req) }
        let outcome = body["_action"] == "renvoyer" && prompt.kind == .sms
            ? try await SignIn.resendCode(pending, in: req.operations)
            : try await SignIn.submitCode(pending, code: body["code"], in: req.operations)
        var errors = FieldErrors()
        switch outcome {
        case .signedIn(let account):
            return signedIn(account, returnTo: pending.returnTo, on: req)
        case .restart:
            req.session.clearPendingSignIn()
            return req.redirect(to: .signIn)
        case .locked(let identifier, let message):
            req.session.clearPendingSignIn()
            errors.add("identifier", message)
            return req.render(SignInPage(identifier: identifier, errors: errors), status: .unprocessableEntity)
        case .refused(let message):
            errors.add("code", message)
            return req.render(codePage(prompt, errors: errors), status: .unprocessableEntity)
        case .resent:
            return req.render(codePage(prompt, notice: PageNotice(kind: .info, text: "Un nouveau code vous a été envoyé.")))
        }
    }

    @Sendable static func signOut(req: Request) async throws -> Response {
        if let account = try await req.currentUser() {
            try await SignIn.signOut(account, in: req.operations)
        }
        req.session.destroy()
        return req.redirect(to: SiteURL.signIn.with([("deconnexion", "1")]), redirectType: .normal)
    }

    /// A new activation link, for someone who proved their password but lost the first one.
    @Sendable static func resendActivation(req: Request) async throws -> Response {
        guard let id = req.session.unconfirmedUser, try await SignIn.resendActivation(userID: id, in: req.operations) else {
            return req.redirect(to: .signIn)
        }
        req.session.unconfirmedUser = nil
        return req.redirect(to: SiteURL.signIn.with([("activation", "renvoyee")]), redirectType: .normal)
    }

    static func unreadable(_ req: Request) -> Response {
        var errors = FieldErrors()
        errors.add("identifier", WebError.unreadableForm.reason)
        return req.render(SignInPage(errors: errors), status: .unprocessableEntity)
    }
}
