import FluentKit
import FluentSQL
import Foundation
import GuichetCore

extension Accounts {
    /// An attempt claimed before the secret is checked.
    public enum AttemptClaim: Equatable, Sendable {
        /// The attempt is counted (1 to 5); if its secret turns out right, the caller
        /// resets or releases it.
        case claimed(attempt: Int)
        /// Locked, or as many attempts as the rule allows are already counted:
        /// nothing is checked.
        case locked(until: Date)
    }

    /// Counts a sign-in attempt (a password, a code, an unlock code) *before* it is
    /// checked, in one conditional statement, so that attempts released at once can
    /// never check more secrets than the lockout allows. The fifth claim locks the
    /// account at once; if its secret is right, `resetFailures` or `releaseAttempt`
    /// opens it again. A lock that has run out starts a fresh count.
    public static func claimAttempt(_ id: UUID, now: Date, on db: any Database) async throws -> AttemptClaim {
        let lockUntil = now.addingTimeInterval(LockoutPolicy.lockDuration)
        let maximum = LockoutPolicy.maximumFailures
        let row = try await db.sql.raw("""
            UPDATE users SET
              failed_sign_ins = CASE WHEN locked_until IS NOT NULL AND locked_until <= \(bind: now) THEN 1 ELSE failed_sign_ins + 1 END,
              locked_until = CASE
                WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= \(bind: now) THEN 1 ELSE failed_sign_ins + 1 END) >= \(bind: maximum)
                THEN \(bind: lockUntil) ELSE NULL END
            WHERE id = \(bind: id) AND (locked_until IS NULL OR locked_until <= \(bind: now))
            RETURNING failed_sign_ins
            """).first()
        if let row { return .claimed(attempt: try row.decode(column: "failed_sign_ins", as: Int.self)) }
        return .locked(until: try await UserRecord.find(id, on: db)?.lockedUntil ?? lockUntil)
    }

    /// Gives back an attempt whose secret was right when the sign-in is not over yet (a
    /// right password before the second factor): it is not a failure, but it does not
    /// give the codes a fresh count either. A lock set by that very claim is lifted.
    public static func releaseAttempt(_ id: UUID, now: Date, on db: any Database) async throws {
        try await db.sql.raw("""
            UPDATE users SET
              failed_sign_ins = CASE WHEN failed_sign_ins > 0 THEN failed_sign_ins - 1 ELSE 0 END,
              locked_until = CASE WHEN failed_sign_ins - 1 < \(bind: LockoutPolicy.maximumFailures) THEN NULL ELSE locked_until END
            WHERE id = \(bind: id)
            """).run()
    }
}

extension RateLimiter {
    /// Takes back one event counted by `hit` (an attempt that turned out right).
    public static func release(_ rule: RateLimitRule, subject: String, now: Date, on db: any Database) async throws {
        try await db.sql.raw("""
            UPDATE rate_limits SET count = count - 1 WHERE key = \(bind: rule.key(subject: subject, at: now)) AND count > 0
            """).run()
    }
}

extension Accounts {
    /// How many stored values are sealed under the portal's key (authenticator keys,
    /// queued messages): a new key would make them unreadable. Zero before the first
    /// migration.
    public static func sealedValues(on db: any Database) async throws -> Int {
        do {
            let users = try await db.sql.raw("SELECT COUNT(*) AS total FROM users WHERE totp_secret LIKE 'v1:%'").first()
            let outbox = try await db.sql.raw("SELECT COUNT(*) AS total FROM outbox_messages WHERE status = 'pending' AND payload LIKE 'v1:%'").first()
            let counted = (try users?.decode(column: "total", as: Int.self) ?? 0) + (try outbox?.decode(column: "total", as: Int.self) ?? 0)
            return counted + (try await sealedWebhookSecrets(on: db))
        } catch let error as any DatabaseError where error.isSyntaxError {
            return 0
        }
    }

    /// Webhook signing secrets (a table of migration 006: absent from older databases).
    private static func sealedWebhookSecrets(on db: any Database) async throws -> Int {
        do {
            let row = try await db.sql.raw("SELECT COUNT(*) AS total FROM partner_webhooks").first()
            return try row?.decode(column: "total", as: Int.self) ?? 0
        } catch let error as any DatabaseError where error.isSyntaxError {
            return 0
        }
    }
}
