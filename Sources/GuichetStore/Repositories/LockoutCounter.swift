import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// The sign-in lockout's counter (SPEC §1), kept on the row of whoever signs in: a
/// citizen's account or an organisation's agent — the same rule for both.
public enum LockoutCounter {
    /// The tables that carry `failed_sign_ins` and `locked_until`.
    public enum Table: String, Sendable {
        case users
        case agents
    }

    /// An attempt claimed before the secret is checked.
    public enum Claim: Equatable, Sendable {
        /// The attempt is counted (1 to 5); if its secret turns out right, the caller
        /// resets or releases it.
        case claimed(attempt: Int)
        /// Locked, or as many attempts as the rule allows are already counted:
        /// nothing is checked.
        case locked(until: Date)
    }

    /// Counts a sign-in attempt (a password, a code, an unlock code) *before* it is
    /// checked, in one conditional statement, so that attempts released at once can
    /// never check more secrets than the lockout allows. The fifth claim locks at once;
    /// if its secret is right, a reset or `release` opens it again. A lock that has run
    /// out starts a fresh count.
    public static func claim(table: Table, id: UUID, now: Date, on db: any Database) async throws -> Claim {
        let lockUntil = now.addingTimeInterval(LockoutPolicy.lockDuration)
        let maximum = LockoutPolicy.maximumFailures
        let row = try await db.sql.raw("""
            UPDATE \(unsafeRaw: table.rawValue) SET
              failed_sign_ins = CASE WHEN locked_until IS NOT NULL AND locked_until <= \(bind: now) THEN 1 ELSE failed_sign_ins + 1 END,
              locked_until = CASE
                WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= \(bind: now) THEN 1 ELSE failed_sign_ins + 1 END) >= \(bind: maximum)
                THEN \(bind: lockUntil) ELSE NULL END
            WHERE id = \(bind: id) AND (locked_until IS NULL OR locked_until <= \(bind: now))
            RETURNING failed_sign_ins
            """).first()
        if let row { return .claimed(attempt: try row.decode(column: "failed_sign_ins", as: Int.self)) }
        let current = try await db.sql.raw("SELECT locked_until FROM \(unsafeRaw: table.rawValue) WHERE id = \(bind: id)").first()
        return .locked(until: (try current?.decode(column: "locked_until", as: Date?.self)) ?? lockUntil)
    }

    /// Gives back an attempt whose secret was right when the sign-in is not over yet (a
    /// right password before the second factor): it is not a failure, but it does not
    /// give the codes a fresh count either. A lock set by that very claim is lifted.
    public static func release(table: Table, id: UUID, on db: any Database) async throws {
        try await db.sql.raw("""
            UPDATE \(unsafeRaw: table.rawValue) SET
              failed_sign_ins = CASE WHEN failed_sign_ins > 0 THEN failed_sign_ins - 1 ELSE 0 END,
              locked_until = CASE WHEN failed_sign_ins - 1 < \(bind: LockoutPolicy.maximumFailures) THEN NULL ELSE locked_until END
            WHERE id = \(bind: id)
            """).run()
    }

    /// Accepts an authenticator time step once (a code seen over a shoulder is spent):
    /// false when this step, or a later one, was already used.
    public static func useTOTPStep(table: Table, id: UUID, step: Int64, on db: any Database) async throws -> Bool {
        let row = try await db.sql.raw("""
            UPDATE \(unsafeRaw: table.rawValue) SET totp_last_step = \(bind: step)
            WHERE id = \(bind: id) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step))
            RETURNING id
            """).first()
        return row != nil
    }
}
