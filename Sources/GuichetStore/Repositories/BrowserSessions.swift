import FluentKit
import Foundation
import GuichetCore

/// Server-side browser sessions, looked up by the hash of the cookie's token.
public enum BrowserSessions {
    /// A session of the realm: the token of another realm's session finds nothing.
    public static func find(tokenHash: String, realm: SessionRealm = .site, on db: any Database) async throws -> BrowserSessionRecord? {
        try await BrowserSessionRecord.query(on: db).filter(\.$id == tokenHash).filter(\.$realm == realm.rawValue).first()
    }

    public static func insert(_ record: BrowserSessionRecord, on db: any Database) async throws {
        try await record.create(on: db)
    }

    public static func update(tokenHash: String, realm: SessionRealm = .site, data: String, principal: UUID?, lastSeenAt: Date,
                              on db: any Database) async throws {
        var query = BrowserSessionRecord.query(on: db).filter(\.$id == tokenHash).filter(\.$realm == realm.rawValue)
            .set(\.$data, to: data).set(\.$lastSeenAt, to: lastSeenAt)
        switch realm {
        case .site: query = query.set(\.$userID, to: principal)
        case .agents: query = query.set(\.$agentID, to: principal)
        }
        try await query.update()
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

    /// Ends every session of an agent (removed by the operator).
    public static func deleteAll(agentID: UUID, on db: any Database) async throws {
        try await BrowserSessionRecord.query(on: db).filter(\.$agentID == agentID).delete()
    }

    public static func purge(idleBefore: Date, createdBefore: Date, on db: any Database) async throws {
        try await BrowserSessionRecord.query(on: db)
            .group(.or) { $0.filter(\.$lastSeenAt < idleBefore).filter(\.$createdAt < createdBefore) }
            .delete()
    }
}
