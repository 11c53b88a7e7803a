import FluentKit
import Foundation

/// Server-side browser sessions, looked up by the hash of the cookie's token.
public enum BrowserSessions {
    public static func find(tokenHash: String, on db: any Database) async throws -> BrowserSessionRecord? {
        try await BrowserSessionRecord.find(tokenHash, on: db)
    }

    public static func insert(_ record: BrowserSessionRecord, on db: any Database) async throws {
        try await record.create(on: db)
    }

    public static func update(tokenHash: String, data: String, userID: UUID?, lastSeenAt: Date, on db: any Database) async throws {
        try await BrowserSessionRecord.query(on: db).filter(\.$id == tokenHash)
            .set(\.$data, to: data).set(\.$userID, to: userID).set(\.$lastSeenAt, to: lastSeenAt)
            .update()
    }

    public static func touch(tokenHash: String, lastSeenAt: Date, on db: any Database) async throws {
        try await BrowserSessionRecord.query(on: db).filter(\.$id == tokenHash)
            .set(\.$lastSeenAt, to: lastSeenAt).update()
    }

    public static func delete(tokenHash: String, on db: any Database) async throws {
        try await BrowserSessionRecord.query(on: db).filter(\.$id == tokenHash).delete()
    }

    /// Ends every session of an account (password change, reset, deletion), except
    /// optionally the one making the change.
    public static func deleteAll(userID: UUID, except tokenHash: String? = nil, on db: any Database) async throws {
        var query = BrowserSessionRecord.query(on: db).filter(\.$userID == userID)
        if let tokenHash { query = query.filter(\.$id != tokenHash) }
        try await query.delete()
    }

    public static func purge(idleBefore: Date, createdBefore: Date, on db: any Database) async throws {
        try await BrowserSessionRecord.query(on: db)
            .group(.or) { $0.filter(\.$lastSeenAt < idleBefore).filter(\.$createdAt < createdBefore) }
            .delete()
    }
}
