import FluentKit
import FluentSQL
import Foundation
import GuichetCore

extension Accounts {
    /// An attempt claimed before the secret is checked (see `LockoutCounter`).
    public typealias AttemptClaim = LockoutCounter.Claim

    /// Counts a sign-in attempt *before* it is checked (`LockoutCounter.claim`).
    public static func claimAttempt(_ id: UUID, now: Date, on db: any Database) async throws -> AttemptClaim {
        try await LockoutCounter.claim(table: .users, id: id, now: now, on: db)
    }

    /// Gives back an attempt whose secret was right when the sign-in is not over yet.
    public static func releaseAttempt(_ id: UUID, now: Date, on db: any Database) async throws {
        try await LockoutCounter.release(table: .users, id: id, on: db)
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
            return counted + (try await sealedWebhookSecrets(on: db)) + (try await sealedAgentKeys(on: db))
        } catch let error as any DatabaseError where error.isSyntaxError {
            return 0
        }
    }

    /// Agents' authenticator keys (a table of migration 007: absent from older databases).
    private static func sealedAgentKeys(on db: any Database) async throws -> Int {
        do {
            let row = try await db.sql.raw("SELECT COUNT(*) AS total FROM agents WHERE totp_secret LIKE 'v1:%'").first()
            return try row?.decode(column: "total", as: Int.self) ?? 0
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
