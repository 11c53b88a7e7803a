import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// *Identifiant oublié ?*, *Mot de passe oublié ?* and *Numéro de téléphone modifié*
/// (SPEC §1). The two recovery forms give the same answer whether or not an account
/// matched: the result is only ever told by email, to the account's own address.
public enum Recovery {
    /// Sends the identifiers of an address; the field errors when the form is wrong.
    public static func forgotIdentifier(email typed: String, captcha: CaptchaAnswer,
                                        in context: OperationContext) async throws -> FieldErrors? {
        let verdict = try await Captchas.verify(captcha, in: context)
        var errors = FieldErrors()
        let email = EmailAddress(typed)
        if Text.normalized(typed).isEmpty {
            errors.add("email", "Saisissez l'adresse électronique de votre compte.")
        } else if email == nil {
            errors.add("email", EmailAddress.invalidMessage)
        }
        if let message = verdict.message { errors.add(Captchas.codeField, message) }
        guard errors.isEmpty, let email else { return errors }
        let accounts = try await Accounts.confirmed(email: email, on: context.db)
        if !accounts.isEmpty,
           try await RateLimiter.hit(.resetEmails, subject: "identifier:" + email.comparisonKey, now: context.now, on: context.db) {
            try await context.enqueue(AccountMails.identifierReminder(identifiers: accounts.map(\.identifier)), to: email.value)
        }
        return nil
    }

    /// Sends a link to choose a new password (or, for a locked account, says when to
    /// retry); the field errors when the form is wrong.
    public static func forgotPassword(identifier: String, captcha: CaptchaAnswer,
                                      in context: OperationContext) async throws -> FieldErrors? {
        let verdict = try await Captchas.verify(captcha, in: context)
        var errors = FieldErrors()
        if Text.normalized(identifier).isEmpty { errors.add("identifier", "Saisissez votre identifiant.") }
        if let message = verdict.message { errors.add(Captchas.codeField, message) }
        guard errors.isEmpty else { return errors }
        let now = context.now
        guard let user = try await Accounts.find(identifier: identifier, on: context.db), let id = user.id, user.isConfirmed,
              try await RateLimiter.hit(.resetEmails, subject: id.uuidString, now: now, on: context.db) else { return nil }
        let mailer = context.mailer
        let address = context.clientAddress
        let guichet = context.guichet
        try await context.db.writeTransaction { db in
            if let until = user.lockedUntil, LockoutPolicy.isLocked(lockedUntil: until, now: now) {
                // SPEC §1: no reset while the account is locked; the owner is told when to retry.
                try await OutboxQueue.enqueue(try mailer.envelope(AccountMails.passwordResetWhileLocked(identifier: user.identifier, until: until),
                                                             to: Mailbox(user.email)), on: db, now: now)
            } else {
                let link = try await EmailLinks.issue(.resetPassword, userID: id, target: .resetPassword, guichet: guichet, now: now, on: db)
                try await OutboxQueue.enqueue(try mailer.envelope(AccountMails.passwordReset(identifier: user.identifier, link: link),
                                                             to: Mailbox(user.email)), on: db, now: now)
            }
            try await SecurityEvents.record(.passwordResetRequested, userID: id, address: address, now: now, on: db)
        }
        return nil
    }

    /// Whether a reset link can still be used (to show its form).
    public static func resetLinkIsLive(token: String, in context: OperationContext) async throws -> Bool {
        try await AccountTokens.peek(tokenHash: TokenHash.sha256(token), purpose: .resetPassword, now: context.now, on: context.db) != nil
    }

    public enum ResetOutcome: Sendable, Equatable {
        /// The password is changed and every session of the account ended.
        case done
        /// The link expired or was used.
        case expired
        case refused(FieldErrors)
    }

    public static func resetPassword(token: String, password: String, in context: OperationContext) async throws -> ResetOutcome {
        let now = context.now
        guard let link = try await AccountTokens.peek(tokenHash: TokenHash.sha256(token), purpose: .resetPassword, now: now, on: context.db),
              let user = try await Accounts.find(link.userID, on: context.db), let id = user.id else { return .expired }
        var errors = FieldErrors()
        if let until = user.lockedUntil, LockoutPolicy.isLocked(lockedUntil: until, now: now) {
            errors.add("password", LockoutPolicy.lockedMessage(until: until))
        } else if let problem = PasswordPolicy.problem(with: password, identifier: user.identifier, email: user.email,
                                                       names: [user.lastName, user.firstNames]) {
            errors.add("password", problem.text)
        }
        guard errors.isEmpty else { return .refused(errors) }
        let hash = try await context.guichet.services.passwords.hash(password)
        let mailer = context.mailer
        let address = context.clientAddress
        let done = try await context.db.writeTransaction { db -> Bool in
            guard try await EmailLinks.consume(token, purpose: .resetPassword, now: now, on: db) != nil else { return false }
            try await Accounts.setPasswordHash(id, hash, now: now, on: db)
            try await Accounts.resetFailures(id, on: db)
            try await BrowserSessions.deleteAll(userID: id, on: db)
            try await SecurityEvents.record(.passwordReset, userID: id, address: address, now: now, on: db)
            try await OutboxQueue.enqueue(try mailer.envelope(AccountMails.securityChange("Le mot de passe de votre compte a été réinitialisé", at: now),
                                                         to: Mailbox(user.email)), on: db, now: now)
            return true
        }
        return done ? .done : .expired
    }

    /// *Numéro de téléphone modifié*: identifier, password and unlock code remove the
    /// second factor; nil when done, otherwise the field errors (and the status the
    /// refusal deserves: 429 when the client address is throttled).
    public static func removeSecondFactor(identifier: String, password: String, unlockCode: String,
                                          in context: OperationContext) async throws -> (errors: FieldErrors, throttled: Bool)? {
        var errors = FieldErrors()
        if Text.normalized(identifier).isEmpty { errors.add("identifier", "Saisissez votre identifiant.") }
        if password.isEmpty { errors.add("password", "Saisissez votre mot de passe.") }
        if UnlockCode.normalized(unlockCode).isEmpty { errors.add("unlockCode", "Saisissez votre code de déblocage.") }
        guard errors.isEmpty else { return (errors, false) }
        switch try await CredentialCheck.check(identifier: identifier, password: password, in: context) {
        case .refused(let refusal):
            errors.add("identifier", refusal.message)
            return (errors, refusal == .throttled)
        case .accepted(let user, let attempt):
            // The attempt claimed for the password stands for the unlock code too: one
            // attempt, two secrets.
            guard let id = user.id, let stored = user.unlockCodeHash, user.secondFactorKind != nil,
                  TokenHash.constantTimeEquals(UnlockCodes.hash(unlockCode, userID: id), stored) else {
                if case .locked(let until) = try await CredentialCheck.recordFailure(of: user, attempt: attempt, kind: .signInFailed,
                                                                                     in: context) {
                    errors.add("identifier", LockoutPolicy.lockedMessage(until: until))
                } else {
                    errors.add("unlockCode", "Ce code de déblocage ne correspond pas à votre compte.")
                }
                return (errors, false)
            }
            let now = context.now
            let notice = AccountMails.securityChange("La connexion avec un code a été retirée de votre compte avec le code de déblocage", at: now)
            try await context.commitAccountChange(id, events: [.unlockCodeUsed, .secondFactorDisabled], mails: [(notice, to: user.email)]) { db in
                try await Accounts.disableSecondFactor(id, now: now, on: db)
                try await Accounts.resetFailures(id, on: db)
            }
            return nil
        }
    }
}
