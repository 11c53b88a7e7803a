import FluentKit
import Foundation
import GuichetCore

/// Single-use email links. Only the hash of each token is stored.
public enum AccountTokens {
    /// Stores a new link; earlier unused links of the same purpose stop working.
    public static func issue(userID: UUID, purpose: AccountTokenPurpose, tokenHash: String, payload: String? = nil,
                             now: Date, on db: any Database) async throws {
        try await AccountTokenRecord.query(on: db).filter(\.$userID == userID)
            .filter(\.$purpose == purpose.rawValue).filter(\.$usedAt == nil).delete()
        let record = AccountTokenRecord()
        record.id = UUID()
        record.userID = userID
        record.purpose = purpose.rawValue
        record.tokenHash = tokenHash
        record.payload = payload
        record.expiresAt = now.addingTimeInterval(purpose.lifetime)
        record.createdAt = now
        try await record.create(on: db)
    }

    /// The live link with this hash, without using it (to show the form it opens).
    public static func peek(tokenHash: String, purpose: AccountTokenPurpose, now: Date, on db: any Database) async throws -> AccountTokenRecord? {
        try await AccountTokenRecord.query(on: db).filter(\.$tokenHash == tokenHash).filter(\.$purpose == purpose.rawValue)
            .filter(\.$usedAt == nil).filter(\.$expiresAt > now).first()
    }

    /// Uses the link, in one statement so it works at most once.
    public static func consume(tokenHash: String, purpose: AccountTokenPurpose, now: Date,
                               on db: any Database) async throws -> (userID: UUID, payload: String?)? {
        let row = try await db.sql.raw("""
            UPDATE account_tokens SET used_at = \(bind: now)
            WHERE token_hash = \(bind: tokenHash) AND purpose = \(bind: purpose.rawValue)
              AND used_at IS NULL AND expires_at > \(bind: now)
            RETURNING user_id, payload
            """).first()
        guard let row else { return nil }
        return (try row.decode(column: "user_id", as: UUID.self), try row.decode(column: "payload", as: String?.self))
    }

    public static func purgeExpired(now: Date, on db: any Database) async throws {
        try await AccountTokenRecord.query(on: db).filter(\.$expiresAt < now).delete()
    }
}
