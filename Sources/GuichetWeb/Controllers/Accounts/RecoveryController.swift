import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// *Identifiant oublié ?*, *Mot de passe oublié ?* and *Numéro de téléphone modifié*.
///
/// Both recovery forms answer the same way whether or not an account matched: the
/// result is only ever told by email, to the account's own address.
enum RecoveryController {
    @Sendable static func forgotIdentifier(req: Request) async throws -> Response {
        req.render(ForgotIdentifierPage(captcha: try await Captchas.issue(on: req)))
    }

    @Sendable static func submitForgotIdentifier(req: Request) async throws -> Response {
        let body = (try? req.formBody()) ?? FormBody([])
        let typed = body["email"]
        if body["_action"] == Captchas.newCodeAction {
            try await Captchas.discard(body, on: req)
            return req.render(ForgotIdentifierPage(email: typed, captcha: try await Captchas.issue(on: req)))
        }
        let verdict = try await Captchas.verify(body, on: req)
        var errors = FieldErrors()
        let email = EmailAddress(typed)
        if Text.normalized(typed).isEmpty {
            errors.add("email", "Saisissez l'adresse électronique de votre compte.")
        } else if email == nil {
            errors.add("email", EmailAddress.invalidMessage)
        }
        if let message = verdict.message { errors.add(Captchas.codeField, message) }
        guard errors.isEmpty, let email else {
            return req.render(ForgotIdentifierPage(email: typed, errors: errors, captcha: try await Captchas.issue(on: req)),
                              status: .unprocessableEntity)
        }
        let accounts = try await Accounts.confirmed(email: email, on: req.db)
        if !accounts.isEmpty,
           try await RateLimiter.hit(.resetEmails, subject: "identifier:" + email.comparisonKey, now: req.now, on: req.db) {
            let mail = req.mailer.compose(AccountMails.identifierReminder(identifiers: accounts.map(\.identifier)), to: Mailbox(email.value))
            try await OutboxQueue.enqueue(mail, on: req.db, now: req.now)
        }
        return req.redirect(to: .forgotIdentifierSent)
    }

    @Sendable static func forgotIdentifierSent(req: Request) async throws -> Response {
        req.render(RecoverySentPage.identifier)
    }

    @Sendable static func forgotPassword(req: Request) async throws -> Response {
        req.render(ForgotPasswordPage(captcha: try await Captchas.issue(on: req)))
    }

    @Sendable static func submitForgotPassword(req: Request) async throws -> Response {
        let body = (try? req.formBody()) ?? FormBody([])
        let identifier = body["identifier"]
        if body["_action"] == Captchas.newCodeAction {
            try await Captchas.discard(body, on: req)
            return req.render(ForgotPasswordPage(identifier: identifier, captcha: try await Captchas.issue(on: req)))
        }
        let verdict = try await Captchas.verify(body, on: req)
        var errors = FieldErrors()
        if Text.normalized(identifier).isEmpty { errors.add("identifier", "Saisissez votre identifiant.") }
        if let message = verdict.message { errors.add(Captchas.codeField, message) }
        guard errors.isEmpty else {
            return req.render(ForgotPasswordPage(identifier: identifier, errors: errors, captcha: try await Captchas.issue(on: req)),
                              status: .unprocessableEntity)
        }
        let now = req.now
        if let user = try await Accounts.find(identifier: identifier, on: req.db), let id = user.id, user.isConfirmed,
           try await RateLimiter.hit(.resetEmails, subject: id.uuidString, now: now, on: req.db) {
            let mailer = req.mailer
            let address = req.clientAddress
            try await req.db.writeTransaction { db in
                if let until = user.lockedUntil, LockoutPolicy.isLocked(lockedUntil: until, now: now) {
                    // SPEC §1: no reset while the account is locked; the owner is told when to retry.
                    try await OutboxQueue.enqueue(mailer.compose(AccountMails.passwordResetWhileLocked(identifier: user.identifier, until: until),
                                                                 to: Mailbox(user.email)), on: db, now: now)
                } else {
                    let link = try await AccountLinks.issue(.resetPassword, userID: id, target: .resetPassword, on: db, request: req)
                    try await OutboxQueue.enqueue(mailer.compose(AccountMails.passwordReset(identifier: user.identifier, link: link),
                                                                 to: Mailbox(user.email)), on: db, now: now)
                }
                try await SecurityEvents.record(.passwordResetRequested, userID: id, address: address, now: now, on: db)
            }
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
        guard try await AccountTokens.peek(tokenHash: TokenHash.sha256(token), purpose: .resetPassword, now: req.now, on: req.db) != nil else {
            return req.render(expiredResetLink, status: .gone)
        }
        return req.render(ResetPasswordPage(token: token))
    }

    @Sendable static func submitReset(req: Request) async throws -> Response {
        let body = (try? req.formBody()) ?? FormBody([])
        let token = body["jeton"], password = body["password"]
        let now = req.now
        guard let link = try await AccountTokens.peek(tokenHash: TokenHash.sha256(token), purpose: .resetPassword, now: now, on: req.db),
              let user = try await Accounts.find(link.userID, on: req.db), let id = user.id else {
            return req.render(expiredResetLink, status: .gone)
        }
        var errors = FieldErrors()
        if let until = user.lockedUntil, LockoutPolicy.isLocked(lockedUntil: until, now: now) {
            errors.add("password", LockoutPolicy.lockedMessage(until: until))
        } else if let problem = PasswordPolicy.problem(with: password, identifier: user.identifier, email: user.email,
                                                       names: [user.lastName, user.firstNames]) {
            errors.add("password", problem.text)
        }
        guard errors.isEmpty else {
            return req.render(ResetPasswordPage(token: token, errors: errors), status: .unprocessableEntity)
        }
        let hash = try await req.guichet.services.passwords.hash(password)
        let mailer = req.mailer
        let address = req.clientAddress
        let done = try await req.db.writeTransaction { db -> Bool in
            guard try await AccountTokens.consume(tokenHash: TokenHash.sha256(token), purpose: .resetPassword, now: now, on: db) != nil else {
                return false
            }
            try await Accounts.setPasswordHash(id, hash, now: now, on: db)
            try await Accounts.resetFailures(id, on: db)
            try await BrowserSessions.deleteAll(userID: id, on: db)
            try await SecurityEvents.record(.passwordReset, userID: id, address: address, now: now, on: db)
            try await OutboxQueue.enqueue(mailer.compose(AccountMails.securityChange("Le mot de passe de votre compte a été réinitialisé", at: now),
                                                         to: Mailbox(user.email)), on: db, now: now)
            return true
        }
        guard done else { return req.render(expiredResetLink, status: .gone) }
        req.session.destroy()
        return req.redirect(to: SiteURL.signIn.with([("mot-de-passe", "modifie")]), redirectType: .normal)
    }

    @Sendable static func phoneChanged(req: Request) async throws -> Response {
        req.render(PhoneChangedPage())
    }

    @Sendable static func submitPhoneChanged(req: Request) async throws -> Response {
        let body = (try? req.formBody()) ?? FormBody([])
        let identifier = body["identifier"], password = body["password"], unlockCode = body["unlockCode"]
        var errors = FieldErrors()
        if Text.normalized(identifier).isEmpty { errors.add("identifier", "Saisissez votre identifiant.") }
        if password.isEmpty { errors.add("password", "Saisissez votre mot de passe.") }
        if UnlockCode.normalized(unlockCode).isEmpty { errors.add("unlockCode", "Saisissez votre code de déblocage.") }
        guard errors.isEmpty else {
            return req.render(PhoneChangedPage(identifier: identifier, errors: errors), status: .unprocessableEntity)
        }
        switch try await CredentialCheck.check(identifier: identifier, password: password, on: req) {
        case .refused(let message, let status):
            errors.add("identifier", message)
            return req.render(PhoneChangedPage(identifier: identifier, errors: errors), status: status)
        case .accepted(let user):
            guard let id = user.id, let stored = user.unlockCodeHash, user.secondFactorKind != nil,
                  TokenHash.constantTimeEquals(UnlockCodes.hash(unlockCode, userID: id), stored) else {
                let outcome = try await CredentialCheck.recordFailure(of: user, kind: .signInFailed, on: req)
                if case .lockedNow(let until) = outcome {
                    errors.add("identifier", LockoutPolicy.lockedMessage(until: until))
                } else {
                    errors.add("unlockCode", "Ce code de déblocage ne correspond pas à votre compte.")
                }
                return req.render(PhoneChangedPage(identifier: identifier, errors: errors), status: .unprocessableEntity)
            }
            let now = req.now
            let notice = AccountMails.securityChange("La connexion avec un code a été retirée de votre compte avec le code de déblocage", at: now)
            try await req.commitAccountChange(id, events: [.unlockCodeUsed, .secondFactorDisabled], mails: [(notice, to: user.email)]) { db in
                try await Accounts.disableSecondFactor(id, now: now, on: db)
                try await Accounts.resetFailures(id, on: db)
            }
            return req.redirect(to: SiteURL.signIn.with([("code", "retire")]), redirectType: .normal)
        }
    }
}
