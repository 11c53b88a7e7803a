import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// *Se connecter*, the second-factor step, *Déconnexion*.
enum SignInController {
    /// How long a password stays accepted while the code is awaited.
    static let pendingLifetime: TimeInterval = 10 * 60

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
        if Text.normalized(identifier).isEmpty { errors.add("identifier", "Saisissez votre identifiant.") }
        if password.isEmpty { errors.add("password", "Saisissez votre mot de passe.") }
        guard errors.isEmpty else {
            return req.render(SignInPage(identifier: identifier, errors: errors, returnTo: returnTo), status: .unprocessableEntity)
        }
        switch try await CredentialCheck.check(identifier: identifier, password: password, on: req) {
        case .refused(let message, let status):
            errors.add("identifier", message)
            return req.render(SignInPage(identifier: identifier, errors: errors, returnTo: returnTo), status: status)
        case .accepted(let user):
            guard let id = user.id else { throw Abort(.internalServerError) }
            guard user.isConfirmed else {
                req.session[SessionKeys.unconfirmedUser] = id.uuidString
                return req.render(SignInPage(identifier: identifier, returnTo: returnTo, awaitingActivation: true), status: .forbidden)
            }
            guard let kind = user.secondFactorKind else {
                return try await complete(user, returnTo: returnTo, on: req)
            }
            req.session[SessionKeys.pendingUser] = id.uuidString
            req.session[SessionKeys.pendingSince] = String(req.now.timeIntervalSince1970)
            req.session[SessionKeys.pendingReturn] = returnTo
            if kind == .sms, let phone = user.secondFactorPhone.flatMap(PhoneNumber.init) {
                let challenge = try await SMSCodes.start(userID: id, phone: phone, purpose: .signIn, on: req)
                req.session[SessionKeys.pendingChallenge] = challenge.uuidString
            }
            return req.redirect(to: .signInCode)
        }
    }

    /// Signs the account in: a new session token, a new form token, a log line.
    static func complete(_ user: UserRecord, returnTo: String?, on req: Request) async throws -> Response {
        guard let id = user.id else { throw Abort(.internalServerError) }
        try await Accounts.resetFailures(id, on: req.db)
        clearPending(req.session)
        req.session.signIn(userID: id)
        req.rotateCSRFToken()
        try await SecurityEvents.record(.signedIn, userID: id, address: req.clientAddress, now: req.now, on: req.db)
        return req.redirect(to: returnTo ?? SiteURL.account.path, redirectType: .normal)
    }

    static func clearPending(_ session: SessionBox) {
        for key in [SessionKeys.pendingUser, SessionKeys.pendingChallenge, SessionKeys.pendingSince, SessionKeys.pendingReturn,
                    SessionKeys.unconfirmedUser] {
            session[key] = nil
        }
    }

    /// The account whose password was accepted and whose code is awaited.
    static func pendingUser(_ req: Request) async throws -> UserRecord? {
        guard let id = req.session[SessionKeys.pendingUser].flatMap(UUID.init(uuidString:)),
              let since = req.session[SessionKeys.pendingSince].flatMap(Double.init),
              req.now.timeIntervalSince1970 - since < pendingLifetime else { return nil }
        return try await Accounts.find(id, on: req.db)
    }

    @Sendable static func showCode(req: Request) async throws -> Response {
        guard let user = try await pendingUser(req), let kind = user.secondFactorKind else {
            clearPending(req.session)
            return req.redirect(to: .signIn)
        }
        return req.render(codePage(user, kind: kind))
    }

    static func codePage(_ user: UserRecord, kind: SecondFactorKind, errors: FieldErrors = FieldErrors(),
                         notice: PageNotice? = nil) -> SignInCodePage {
        SignInCodePage(kind: kind, maskedPhone: user.secondFactorPhone.flatMap(PhoneNumber.init)?.masked, errors: errors, notice: notice)
    }

    @Sendable static func submitCode(req: Request) async throws -> Response {
        guard let user = try await pendingUser(req), let id = user.id, let kind = user.secondFactorKind else {
            clearPending(req.session)
            return req.redirect(to: .signIn)
        }
        guard let body = try? req.formBody() else { return unreadable(req) }
        var errors = FieldErrors()
        if let until = user.lockedUntil, LockoutPolicy.isLocked(lockedUntil: until, now: req.now) {
            clearPending(req.session)
            errors.add("identifier", LockoutPolicy.lockedMessage(until: until))
            return req.render(SignInPage(identifier: user.identifier, errors: errors), status: .unprocessableEntity)
        }
        let challenge = req.session[SessionKeys.pendingChallenge].flatMap(UUID.init(uuidString:))
        if body["_action"] == "renvoyer", kind == .sms, let challenge {
            let outcome = try await SMSCodes.resend(challenge, userID: id, purpose: .signIn, on: req)
            if let message = SMSCodes.resendMessage(outcome) {
                errors.add("code", message)
                return req.render(codePage(user, kind: kind, errors: errors), status: .unprocessableEntity)
            }
            return req.render(codePage(user, kind: kind, notice: PageNotice(kind: .info, text: "Un nouveau code vous a été envoyé.")))
        }
        let code = OneTimeCodePolicy.normalizedInput(body["code"])
        guard !code.isEmpty else {
            errors.add("code", "Saisissez le code à 6 chiffres.")
            return req.render(codePage(user, kind: kind, errors: errors), status: .unprocessableEntity)
        }
        switch kind {
        case .sms:
            guard let challenge else { return req.redirect(to: .signIn) }
            switch try await CodeChallenges.verify(challenge, userID: id, codeHash: SMSCodes.hash(challenge: challenge, code: code),
                                                   now: req.now, on: req.db) {
            case .valid:
                return try await complete(user, returnTo: req.session[SessionKeys.pendingReturn], on: req)
            case .wrong(let left):
                errors.add("code", left > 0
                    ? "Le code est incorrect. Il vous reste \(Text.counted(left, "essai"))."
                    : "Le code est incorrect. Vous avez fait trois essais : demandez un nouveau code.")
            case .expired:
                errors.add("code", "Ce code a expiré ou a déjà été refusé trois fois : demandez un nouveau code.")
            }
        case .totp:
            let secret = user.totpSecret.flatMap { req.guichet.secrets.open($0, account: id) }.flatMap(Base32.decode) ?? []
            if let step = TOTP.matchingStep(code, secret: secret, now: req.now, after: user.totpLastStep.map(Int64.init)),
               try await Accounts.useTOTPStep(id, step: step, on: req.db) {
                return try await complete(user, returnTo: req.session[SessionKeys.pendingReturn], on: req)
            }
            errors.add("code", "Le code est incorrect ou a déjà servi. Saisissez le code affiché maintenant par l'application.")
        }
        let outcome = try await CredentialCheck.recordFailure(of: user, kind: .secondFactorFailed, on: req)
        if case .lockedNow(let until) = outcome {
            clearPending(req.session)
            var locked = FieldErrors()
            locked.add("identifier", LockoutPolicy.lockedMessage(until: until))
            return req.render(SignInPage(identifier: user.identifier, errors: locked), status: .unprocessableEntity)
        }
        return req.render(codePage(user, kind: kind, errors: errors), status: .unprocessableEntity)
    }

    @Sendable static func signOut(req: Request) async throws -> Response {
        if let user = try await req.currentUser(), let id = user.id {
            try await SecurityEvents.record(.signedOut, userID: id, address: req.clientAddress, now: req.now, on: req.db)
        }
        req.session.destroy()
        return req.redirect(to: SiteURL.signIn.with([("deconnexion", "1")]), redirectType: .normal)
    }

    /// A new activation link, for someone who proved their password but lost the first one.
    @Sendable static func resendActivation(req: Request) async throws -> Response {
        guard let id = req.session[SessionKeys.unconfirmedUser].flatMap(UUID.init(uuidString:)),
              let user = try await Accounts.find(id, on: req.db), !user.isConfirmed else {
            return req.redirect(to: .signIn)
        }
        guard try await RateLimiter.hit(.activationEmails, subject: id.uuidString, now: req.now, on: req.db) else {
            throw WebError.tooManyRequests(retryAfterSeconds: Int(RateLimitRule.activationEmails.window))
        }
        let now = req.now
        let mailer = req.mailer
        try await req.db.writeTransaction { db in
            let link = try await AccountLinks.issue(.confirmEmail, userID: id, target: .activate, on: db, request: req)
            try await OutboxQueue.enqueue(mailer.compose(AccountMails.activation(identifier: user.identifier, link: link),
                                                         to: Mailbox(user.email)), on: db, now: now)
        }
        req.session[SessionKeys.unconfirmedUser] = nil
        return req.redirect(to: SiteURL.signIn.with([("activation", "renvoyee")]), redirectType: .normal)
    }

    static func unreadable(_ req: Request) -> Response {
        var errors = FieldErrors()
        errors.add("identifier", WebError.unreadableForm.reason)
        return req.render(SignInPage(errors: errors), status: .unprocessableEntity)
    }
}
