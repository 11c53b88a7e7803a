import FluentKit
import Foundation
import GuichetCore

/// The *Historique de sécurité*.
public enum SecurityEvents {
    public static func record(_ kind: SecurityEventKind, userID: UUID, address: String, now: Date, on db: any Database) async throws {
        let event = SecurityEventRecord()
        event.id = UUID()
        event.userID = userID
        event.kind = kind.rawValue
        event.clientAddress = String(address.prefix(64))
        event.createdAt = now
        try await event.create(on: db)
    }

    public static func recent(userID: UUID, limit: Int = 100, on db: any Database) async throws -> [SecurityEventRecord] {
        try await SecurityEventRecord.query(on: db).filter(\.$userID == userID)
            .sort(\.$createdAt, .descending).limit(limit).all()
    }

    /// The log keeps one year of events.
    public static func purge(olderThan cutoff: Date, on db: any Database) async throws {
        try await SecurityEventRecord.query(on: db).filter(\.$createdAt < cutoff).delete()
    }
}
