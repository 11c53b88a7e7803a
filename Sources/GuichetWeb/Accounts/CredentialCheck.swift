import Fluent
import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// Identifier and password, checked with every protection of SPEC §1: the per-address
/// throttle, the account lockout (counted atomically), the same slowness whether the
/// identifier exists or not, and the email to the owner when the account locks.
enum CredentialCheck {
    enum Outcome {
        case accepted(UserRecord)
        /// Refused, with the French message for the form and the HTTP status.
        case refused(String, HTTPResponseStatus)
    }

    static let invalidMessage = "Identifiant ou mot de passe incorrect."
    static let throttledMessage = "Trop d'essais de connexion manqués depuis votre connexion internet. Patientez 15 minutes avant de réessayer."

    static func check(identifier: String, password: String, on request: Request) async throws -> Outcome {
        let now = request.now
        let address = request.clientAddress
        let passwords = request.guichet.services.passwords
        if try await RateLimiter.isExhausted(LockoutPolicy.addressFailures, subject: address, now: now, on: request.db) {
            return .refused(throttledMessage, .tooManyRequests)
        }
        guard let user = try await Accounts.find(identifier: identifier, on: request.db), let id = user.id else {
            try await passwords.verifyAgainstNothing(password)
            _ = try await RateLimiter.hit(LockoutPolicy.addressFailures, subject: address, now: now, on: request.db)
            return .refused(invalidMessage, .unprocessableEntity)
        }
        if let until = user.lockedUntil, LockoutPolicy.isLocked(lockedUntil: until, now: now) {
            return .refused(LockoutPolicy.lockedMessage(until: until), .unprocessableEntity)
        }
        guard try await passwords.verify(password, against: user.passwordHash) else {
            let outcome = try await recordFailure(of: user, kind: .signInFailed, on: request)
            if case .lockedNow(let until) = outcome { return .refused(LockoutPolicy.lockedMessage(until: until), .unprocessableEntity) }
            if case .alreadyLocked(let until) = outcome { return .refused(LockoutPolicy.lockedMessage(until: until), .unprocessableEntity) }
            return .refused(invalidMessage, .unprocessableEntity)
        }
        // The failure count is reset by the caller once the whole sign-in succeeds: with a
        // second factor, a right password alone must not give wrong codes a fresh count.
        if passwords.needsRehash(user.passwordHash) {
            try await Accounts.setPasswordHash(id, try await passwords.hash(password), now: now, on: request.db)
        }
        return .accepted(user)
    }

    /// Counts a failed attempt (wrong password, wrong code, wrong unlock code) against
    /// the account and the client address, logs it, and tells the owner if the account
    /// has just locked.
    @discardableResult
    static func recordFailure(of user: UserRecord, kind: SecurityEventKind, on request: Request) async throws -> Accounts.FailureOutcome {
        let now = request.now
        let address = request.clientAddress
        let mailer = request.mailer
        _ = try await RateLimiter.hit(LockoutPolicy.addressFailures, subject: address, now: now, on: request.db)
        guard let id = user.id else { return .counted(failures: 0) }
        return try await request.db.writeTransaction { db in
            let outcome = try await Accounts.recordFailure(id, now: now, on: db)
            if case .alreadyLocked = outcome { return outcome }
            try await SecurityEvents.record(kind, userID: id, address: address, now: now, on: db)
            if case .lockedNow(let until) = outcome {
                try await SecurityEvents.record(.locked, userID: id, address: address, now: now, on: db)
                try await OutboxQueue.enqueue(mailer.compose(AccountMails.locked(identifier: user.identifier, until: until),
                                                             to: Mailbox(user.email)), on: db, now: now)
            }
            return outcome
        }
    }
}

/// Codes sent by SMS: creation, hashing and the message itself.
enum SMSCodes {
    static func hash(challenge: UUID, code: String) -> String {
        TokenHash.sha256("\(challenge.uuidString):\(OneTimeCodePolicy.normalizedInput(code))")
    }

    static func text(_ code: String, purpose: CodeChallenges.Purpose) -> String {
        switch purpose {
        case .signIn: "Guichet : votre code de connexion est \(code). Il expire dans 5 minutes. Ne le communiquez à personne."
        case .enrol: "Guichet : votre code de confirmation est \(code). Il expire dans 5 minutes. Ne le communiquez à personne."
        }
    }

    /// Starts a challenge and queues its SMS in one transaction (at most ten SMS an
    /// hour per account, so nobody can use the portal to flood a phone).
    static func start(userID: UUID, phone: PhoneNumber, purpose: CodeChallenges.Purpose, on request: Request) async throws -> UUID {
        let now = request.now
        guard try await RateLimiter.hit(.smsCodes, subject: userID.uuidString, now: now, on: request.db) else {
            throw WebError.tooManyRequests(retryAfterSeconds: Int(RateLimitRule.smsCodes.window))
        }
        let code = OneTimeCodePolicy.generate()
        return try await request.db.writeTransaction { db in
            let id = try await CodeChallenges.start(userID: userID, purpose: purpose, phone: phone, now: now,
                                                    codeHash: { hash(challenge: $0, code: code) }, on: db)
            try await OutboxQueue.enqueue(SMSMessage(to: phone.e164, text: text(code, purpose: purpose)), on: db, now: now)
            return id
        }
    }

    /// Sends a new code for an existing challenge, within the resend limits.
    static func resend(_ challenge: UUID, userID: UUID, purpose: CodeChallenges.Purpose, on request: Request) async throws -> CodeChallenges.ResendOutcome {
        let now = request.now
        let code = OneTimeCodePolicy.generate()
        return try await request.db.writeTransaction { db in
            let outcome = try await CodeChallenges.resend(challenge, userID: userID, now: now,
                                                          codeHash: hash(challenge: challenge, code: code), on: db)
            if case .resent(let phone) = outcome {
                try await OutboxQueue.enqueue(SMSMessage(to: phone, text: text(code, purpose: purpose)), on: db, now: now)
            }
            return outcome
        }
    }

    static func resendMessage(_ outcome: CodeChallenges.ResendOutcome) -> String? {
        switch outcome {
        case .resent: nil
        case .tooSoon(let seconds): "Patientez \(seconds) secondes avant de demander un nouveau code."
        case .limitReached: "Vous avez demandé trop de codes. Recommencez la connexion depuis le début."
        case .expired: "Cette demande de code a expiré. Recommencez depuis le début."
        }
    }
}

/// The unlock code is stored as a hash bound to its account.
enum UnlockCodes {
    static func hash(_ code: String, userID: UUID) -> String {
        TokenHash.sha256("\(userID.uuidString):\(UnlockCode.normalized(code))")
    }
}

/// Email links carry a random token; only its hash is stored.
enum AccountLinks {
    static func issue(_ purpose: AccountTokenPurpose, userID: UUID, payload: String? = nil, target: SiteURL,
                      on db: any Database, request: Request) async throws -> String {
        let token = SecureToken.generate()
        try await AccountTokens.issue(userID: userID, purpose: purpose, tokenHash: TokenHash.sha256(token),
                                      payload: payload, now: request.now, on: db)
        return target.absolute(base: request.guichet.config.baseURL) + "?jeton=" + token
    }
}
