import FluentKit
import Foundation
import GuichetCore

/// Codes sent by SMS and waiting to be typed (stored as hashes).
public enum CodeChallenges {
    public typealias Purpose = CodeChallengeRecord.Purpose

    /// Starts a challenge (replacing any earlier one of the same account and purpose)
    /// and returns its id; the caller hashes the code with that id.
    public static func start(userID: UUID, purpose: Purpose, phone: PhoneNumber, now: Date,
                             codeHash: (UUID) -> String, on db: any Database) async throws -> UUID {
        try await CodeChallengeRecord.query(on: db).filter(\.$userID == userID).filter(\.$purpose == purpose).delete()
        let record = CodeChallengeRecord()
        let id = UUID()
        record.id = id
        record.userID = userID
        record.purpose = purpose
        record.codeHash = codeHash(id)
        record.phone = phone.e164
        record.attempts = 0
        record.sends = 1
        record.lastSentAt = now
        record.expiresAt = now.addingTimeInterval(OneTimeCodePolicy.lifetime)
        try await record.create(on: db)
        return id
    }

    public enum Verdict: Equatable, Sendable {
        case valid(phone: String)
        case wrong(triesLeft: Int)
        /// Expired, used up, or unknown: a new code is needed.
        case expired
    }

    /// Counts the try first (atomically, so three tries means three), then compares.
    public static func verify(_ id: UUID, userID: UUID, codeHash: String, now: Date, on db: any Database) async throws -> Verdict {
        let row = try await db.sql.raw("""
            UPDATE code_challenges SET attempts = attempts + 1
            WHERE id = \(bind: id) AND user_id = \(bind: userID) AND attempts < \(bind: OneTimeCodePolicy.maximumTries)
              AND expires_at > \(bind: now)
            RETURNING code_hash, attempts, phone
            """).first()
        guard let row else { return .expired }
        let attempts = try row.decode(column: "attempts", as: Int.self)
        if try row.decode(column: "code_hash", as: String.self) == codeHash {
            try await CodeChallengeRecord.query(on: db).filter(\.$id == id).delete()
            return .valid(phone: try row.decode(column: "phone", as: String.self))
        }
        // Used up, the challenge stays until it expires so that a new code can be sent for it.
        return .wrong(triesLeft: OneTimeCodePolicy.maximumTries - attempts)
    }

    public enum ResendOutcome: Equatable, Sendable {
        case resent(phone: String)
        case tooSoon(waitSeconds: Int)
        case limitReached
        case expired
    }

    /// Sends a fresh code for the same challenge: not within a minute of the last one,
    /// and at most three sends in all.
    public static func resend(_ id: UUID, userID: UUID, now: Date, codeHash: String, on db: any Database) async throws -> ResendOutcome {
        guard let record = try await CodeChallengeRecord.query(on: db).filter(\.$id == id).filter(\.$userID == userID).first() else {
            return .expired
        }
        if record.sends >= OneTimeCodePolicy.maximumSends { return .limitReached }
        let earliest = record.lastSentAt.addingTimeInterval(OneTimeCodePolicy.minimumResendInterval)
        if now < earliest { return .tooSoon(waitSeconds: Int(earliest.timeIntervalSince(now).rounded(.up))) }
        let row = try await db.sql.raw("""
            UPDATE code_challenges SET code_hash = \(bind: codeHash), sends = sends + 1, attempts = 0,
              last_sent_at = \(bind: now), expires_at = \(bind: now.addingTimeInterval(OneTimeCodePolicy.lifetime))
            WHERE id = \(bind: id) AND sends < \(bind: OneTimeCodePolicy.maximumSends) AND last_sent_at <= \(bind: now.addingTimeInterval(-OneTimeCodePolicy.minimumResendInterval))
            RETURNING phone
            """).first()
        guard let row else { return .limitReached }
        return .resent(phone: try row.decode(column: "phone", as: String.self))
    }

    public static func find(_ id: UUID, userID: UUID, on db: any Database) async throws -> CodeChallengeRecord? {
        try await CodeChallengeRecord.query(on: db).filter(\.$id == id).filter(\.$userID == userID).first()
    }

    public static func purgeExpired(now: Date, on db: any Database) async throws {
        try await CodeChallengeRecord.query(on: db).filter(\.$expiresAt < now.addingTimeInterval(-3600)).delete()
    }
}
