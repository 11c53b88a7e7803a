import FluentKit
import Foundation
import GuichetCore

/// Database-backed fixed-window counters, shared by every instance.
public enum RateLimiter {
    /// Counts one event and says whether it is still within the limit.
    public static func hit(_ rule: RateLimitRule, subject: String, now: Date, on db: any Database) async throws -> Bool {
        try await count(rule, subject: subject, now: now, on: db) <= rule.limit
    }

    /// Counts one event and returns the window's count so far (for `RateLimit-Remaining`).
    public static func count(_ rule: RateLimitRule, subject: String, now: Date, on db: any Database) async throws -> Int {
        let key = rule.key(subject: subject, at: now)
        let row = try await db.sql.raw("""
            INSERT INTO rate_limits (key, count, expires_at) VALUES (\(bind: key), 1, \(bind: rule.windowEnd(at: now)))
            ON CONFLICT (key) DO UPDATE SET count = rate_limits.count + 1
            RETURNING count
            """).first()
        return try row?.decode(column: "count", as: Int.self) ?? 1
    }

    /// Whether the subject has already used up the window, without counting anything.
    public static func isExhausted(_ rule: RateLimitRule, subject: String, now: Date, on db: any Database) async throws -> Bool {
        let row = try await db.sql.raw("SELECT count FROM rate_limits WHERE key = \(bind: rule.key(subject: subject, at: now))").first()
        return (try row?.decode(column: "count", as: Int.self) ?? 0) >= rule.limit
    }

    public static func purgeExpired(now: Date, on db: any Database) async throws {
        try await db.sql.raw("DELETE FROM rate_limits WHERE expires_at <= \(bind: now)").run()
    }
}
