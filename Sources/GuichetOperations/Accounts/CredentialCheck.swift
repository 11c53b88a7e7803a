import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Identifier and password, checked with every protection of SPEC §1: the per-address
/// throttle, the account lockout (counted atomically), the same slowness whether the
/// identifier exists or not, and the email to the owner when the account locks.
enum CredentialCheck {
    enum Outcome {
        case accepted(UserRecord)
        case refused(SignInRefusal)
    }

    static let invalidMessage = "Identifiant ou mot de passe incorrect."
    static let throttledMessage = "Trop d'essais de connexion manqués depuis votre connexion internet. Patientez 15 minutes avant de réessayer."

    static func check(identifier: String, password: String, in context: OperationContext) async throws -> Outcome {
        let now = context.now
        let address = context.clientAddress
        let passwords = context.guichet.services.passwords
        if try await RateLimiter.isExhausted(LockoutPolicy.addressFailures, subject: address, now: now, on: context.db) {
            return .refused(.throttled)
        }
        guard let user = try await Accounts.find(identifier: identifier, on: context.db), let id = user.id else {
            try await passwords.verifyAgainstNothing(password)
            _ = try await RateLimiter.hit(LockoutPolicy.addressFailures, subject: address, now: now, on: context.db)
            return .refused(.invalid)
        }
        if let until = user.lockedUntil, LockoutPolicy.isLocked(lockedUntil: until, now: now) {
            return .refused(.locked(until: until))
        }
        guard try await passwords.verify(password, against: user.passwordHash) else {
            switch try await recordFailure(of: user, kind: .signInFailed, in: context) {
            case .lockedNow(let until), .alreadyLocked(let until): return .refused(.locked(until: until))
            case .counted: return .refused(.invalid)
            }
        }
        // The failure count is reset once the whole sign-in succeeds: with a second
        // factor, a right password alone must not give wrong codes a fresh count.
        if passwords.needsRehash(user.passwordHash) {
            try await Accounts.setPasswordHash(id, try await passwords.hash(password), now: now, on: context.db)
        }
        return .accepted(user)
    }

    /// Counts a failed attempt (wrong password, wrong code, wrong unlock code) against
    /// the account and the client address, logs it, and tells the owner if the account
    /// has just locked.
    @discardableResult
    static func recordFailure(of user: UserRecord, kind: SecurityEventKind, in context: OperationContext) async throws -> Accounts.FailureOutcome {
        let now = context.now
        let address = context.clientAddress
        let mailer = context.mailer
        _ = try await RateLimiter.hit(LockoutPolicy.addressFailures, subject: address, now: now, on: context.db)
        guard let id = user.id else { return .counted(failures: 0) }
        return try await context.db.writeTransaction { db in
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

    /// Checks the current password of a signed-in account before a sensitive change; a
    /// wrong one counts towards the lockout like a failed sign-in (a borrowed session
    /// must not allow guessing it). Nil when it is right.
    static func confirmPassword(_ password: String, of user: UserRecord, in context: OperationContext) async throws -> String? {
        if password.isEmpty { return "Saisissez votre mot de passe actuel." }
        if let until = user.lockedUntil, LockoutPolicy.isLocked(lockedUntil: until, now: context.now) {
            return LockoutPolicy.lockedMessage(until: until)
        }
        if try await context.guichet.services.passwords.verify(password, against: user.passwordHash) { return nil }
        if case .lockedNow(let until) = try await recordFailure(of: user, kind: .signInFailed, in: context) {
            return LockoutPolicy.lockedMessage(until: until)
        }
        return "Le mot de passe actuel est incorrect."
    }
}

/// Why a sign-in (or a step needing the password) was refused.
public enum SignInRefusal: Sendable, Equatable {
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
