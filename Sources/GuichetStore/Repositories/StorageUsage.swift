import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// The space an account uses: its wallet documents and the attachments of its
/// dossiers (SPEC §2: one quota for both).
public enum StorageUsage {
    /// A new document or attachment would not fit in the account's quota.
    public struct QuotaExceeded: Error, Equatable, Sendable {
        /// What the account used before this document.
        public let used: Int
    }

    /// Bytes used by the account. (Casts: PostgreSQL sums integers as `numeric`.)
    public static func bytes(userID: UUID, on db: any Database) async throws -> Int {
        let row = try await db.sql.raw("""
            SELECT CAST((SELECT COALESCE(SUM(size), 0) FROM documents WHERE user_id = \(bind: userID))
                      + (SELECT COALESCE(SUM(a.size), 0) FROM dossier_attachments a JOIN dossiers d ON d.id = a.dossier_id
                         WHERE d.user_id = \(bind: userID)) AS BIGINT) AS total
            """).first()
        return try row?.decode(column: "total", as: Int.self) ?? 0
    }

    /// Inside a write transaction: checks that `adding` more bytes fit, having first
    /// locked the account's row, so that parallel uploads of one account are counted
    /// one after the other and can never overrun the quota together. (SQLite's write
    /// transaction already holds the database's only write lock.)
    public static func reserve(_ adding: Int, userID: UUID, quota: Int, replacing: Int = 0, on db: any Database) async throws {
        if db.sql.dialect.name != "sqlite" {
            _ = try await db.sql.raw("SELECT id FROM users WHERE id = \(bind: userID) FOR UPDATE").first()
        }
        let used = try await bytes(userID: userID, on: db)
        guard used - replacing + adding <= quota else { throw QuotaExceeded(used: used) }
    }
}
