import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Identifier and password, checked with every protection of SPEC §1: the per-address
/// throttle, the account lockout (counted atomically), the same slowness whether the
/// identifier exists or not, and the email to the owner when the account locks.
enum CredentialCheck {
    enum Outcome {
        /// The password is right. The attempt claimed for it is still counted: the
        /// caller resets the count (signed in) or releases the attempt (a second step
        /// follows).
        case accepted(UserRecord, attempt: Int)
        case refused(SignInRefusal)
    }

    static let invalidMessage = "Identifiant ou mot de passe incorrect."
    static let throttledMessage = "Trop d'essais de connexion manqués depuis votre connexion internet. Patientez 15 minutes avant de réessayer."

    static func check(identifier: String, password: String, in context: OperationContext) async throws -> Outcome {
        let passwords = context.guichet.services.passwords
        // The client address is counted before anything is checked, so a burst of
        // requests cannot check more passwords than the throttle allows.
        guard try await claimAddress(in: context) else { return .refused(.throttled) }
        guard let user = try await Accounts.find(identifier: identifier, on: context.db), let id = user.id else {
            try await passwords.verifyAgainstNothing(password)
            return .refused(.invalid)
        }
        let attempt: Int
        switch try await Accounts.claimAttempt(id, now: context.now, on: context.db) {
        case .locked(let until):
            try await releaseAddress(in: context)
            return .refused(.locked(until: until))
        case .claimed(let claimed):
            attempt = claimed
        }
        guard try await verify(password, of: user, in: context) else {
            return .refused(try await recordFailure(of: user, attempt: attempt, kind: .signInFailed, in: context))
        }
        try await releaseAddress(in: context)
        if passwords.needsRehash(user.passwordHash) {
            try await Accounts.setPasswordHash(id, try await passwords.hash(password), now: context.now, on: context.db)
        }
        return .accepted(user, attempt: attempt)
    }

    /// Checks the password, giving back the claimed attempts when the hasher cannot run
    /// (pool full): an overloaded server must not lock accounts.
    private static func verify(_ password: String, of user: UserRecord, in context: OperationContext) async throws -> Bool {
        do {
            return try await context.guichet.services.passwords.verify(password, against: user.passwordHash)
        } catch {
            if let id = user.id { try? await Accounts.releaseAttempt(id, now: context.now, on: context.db) }
            try? await releaseAddress(in: context)
            throw error
        }
    }

    /// Claims an attempt of a second step (a code, an unlock code) before it is checked.
    static func claim(_ user: UserRecord, in context: OperationContext) async throws -> Result<Int, SignInRefusal> {
        guard let id = user.id else { return .failure(.invalid) }
        guard try await claimAddress(in: context) else { return .failure(.throttled) }
        switch try await Accounts.claimAttempt(id, now: context.now, on: context.db) {
        case .locked(let until):
            try await releaseAddress(in: context)
            return .failure(.locked(until: until))
        case .claimed(let attempt):
            return .success(attempt)
        }
    }

    /// A claimed attempt whose secret was right: the address is not charged for it.
    static func accepted(in context: OperationContext) async throws {
        try await releaseAddress(in: context)
    }

    /// A claimed attempt whose secret was wrong: it stays counted; it is logged, and the
    /// owner is told if it was the one that locked the account.
    @discardableResult
    static func recordFailure(of user: UserRecord, attempt: Int, kind: SecurityEventKind,
                              in context: OperationContext) async throws -> SignInRefusal {
        let now = context.now
        let address = context.clientAddress
        let mailer = context.mailer
        guard let id = user.id else { return .invalid }
        let lockedNow = attempt >= LockoutPolicy.maximumFailures
        let until = now.addingTimeInterval(LockoutPolicy.lockDuration)
        try await context.db.writeTransaction { db in
            try await SecurityEvents.record(kind, userID: id, address: address, now: now, on: db)
            if lockedNow {
                try await SecurityEvents.record(.locked, userID: id, address: address, now: now, on: db)
                try await OutboxQueue.enqueue(try mailer.envelope(AccountMails.locked(identifier: user.identifier, until: until),
                                                             to: Mailbox(user.email)), on: db, now: now)
            }
        }
        return lockedNow ? .locked(until: until) : .invalid
    }

    /// Checks the current password of a signed-in account before a sensitive change; a
    /// wrong one counts towards the lockout like a failed sign-in (a borrowed session
    /// must not allow guessing it). Nil when it is right.
    static func confirmPassword(_ password: String, of user: UserRecord, in context: OperationContext) async throws -> String? {
        if password.isEmpty { return "Saisissez votre mot de passe actuel." }
        guard let id = user.id else { return CredentialCheck.invalidMessage }
        let attempt: Int
        switch try await claim(user, in: context) {
        case .failure(let refusal): return refusal.message
        case .success(let claimed): attempt = claimed
        }
        if try await verify(password, of: user, in: context) {
            try await Accounts.releaseAttempt(id, now: context.now, on: context.db)
            try await accepted(in: context)
            return nil
        }
        if case .locked(let until) = try await recordFailure(of: user, attempt: attempt, kind: .signInFailed, in: context) {
            return LockoutPolicy.lockedMessage(until: until)
        }
        return "Le mot de passe actuel est incorrect."
    }

    /// The proof of the second factor already on the account, asked before it is
    /// replaced or turned off (a borrowed session that knows the password must not
    /// swap it): the code of the authenticator application, or the unlock code. Nil
    /// when it is right or the account has no factor; counted like a sign-in attempt.
    static func proveCurrentFactor(_ typed: String, of user: UserRecord, in context: OperationContext) async throws -> String? {
        guard let kind = user.secondFactorKind, let id = user.id else { return nil }
        let missing = kind == .totp ? "Saisissez le code affiché par votre application d'authentification, ou votre code de déblocage."
                                    : "Saisissez votre code de déblocage."
        guard !UnlockCode.normalized(typed).isEmpty else { return missing }
        let attempt: Int
        switch try await claim(user, in: context) {
        case .failure(let refusal): return refusal.message
        case .success(let claimed): attempt = claimed
        }
        var right = false
        if let stored = user.unlockCodeHash, TokenHash.constantTimeEquals(UnlockCodes.hash(typed, userID: id), stored) {
            right = true
        } else if kind == .totp, let stored = user.totpSecret,
                  let secret = context.guichet.secrets.open(stored, account: id).flatMap(Base32.decode), !secret.isEmpty,
                  let step = TOTP.matchingStep(OneTimeCodePolicy.normalizedInput(typed), secret: secret, now: context.now,
                                               after: user.totpLastStep.map(Int64.init)),
                  try await Accounts.useTOTPStep(id, step: step, on: context.db) {
            right = true
        }
        if right {
            try await Accounts.releaseAttempt(id, now: context.now, on: context.db)
            try await accepted(in: context)
            return nil
        }
        if case .locked(let until) = try await recordFailure(of: user, attempt: attempt, kind: .secondFactorFailed, in: context) {
            return LockoutPolicy.lockedMessage(until: until)
        }
        return kind == .totp ? "Ce code ne correspond ni au code de votre application ni à votre code de déblocage."
                             : "Ce code de déblocage ne correspond pas à votre compte."
    }

    /// Counts one attempt against the client address (password spraying across
    /// accounts); false when its window is used up.
    static func claimAddress(in context: OperationContext) async throws -> Bool {
        try await RateLimiter.hit(LockoutPolicy.addressFailures, subject: context.clientLimitKey,
                                  now: context.now, on: context.db)
    }

    static func releaseAddress(in context: OperationContext) async throws {
        try await RateLimiter.release(LockoutPolicy.addressFailures, subject: context.clientLimitKey,
                                      now: context.now, on: context.db)
    }
}

/// Why a sign-in (or a step needing the password) was refused.
public enum SignInRefusal: Error, Sendable, Equatable {
    case invalid
    /// Too many failures from this client address (password spraying).
    case throttled
    case locked(until: Date)

    /// The French message shown next to the identifier.
    public var message: String {
        switch self {
        case .invalid: CredentialCheck.invalidMessage
        case .throttled: CredentialCheck.throttledMessage
        case .locked(let until): LockoutPolicy.lockedMessage(until: until)
        }
    }
}
