import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// Each organisation's event feed (SPEC §6). An event is appended in the transaction of
/// the change it records, numbered one more than the organisation's last: on
/// PostgreSQL a transaction-scoped advisory lock per organisation makes the numbers
/// follow the commit order (two transactions can never commit 8 after 9, which would
/// let a poller at `after=9` miss 8); SQLite has a single writer anyway.
public enum PartnerEvents {
    @discardableResult
    public static func append(organisationKey: String, type: PartnerEventType, details: PartnerEvent.Details, now: Date,
                              on db: any Database) async throws -> Int {
        if db.sql.dialect.name != "sqlite" {
            _ = try await db.sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "partner_events:" + organisationKey)))").all()
        }
        let row = try await db.sql.raw("""
            INSERT INTO partner_events (id, organisation_key, sequence, type, details, created_at)
            SELECT \(bind: UUID()), \(bind: organisationKey), COALESCE(MAX(sequence), 0) + 1, \(bind: type.rawValue),
                \(bind: details.encoded()), \(bind: now)
            FROM partner_events WHERE organisation_key = \(bind: organisationKey)
            RETURNING sequence
            """).first()
        return try row?.decode(column: "sequence", as: Int.self) ?? 0
    }

    /// The events after `sequence`, oldest first.
    public static func list(organisationKey: String, after sequence: Int, limit: Int, on db: any Database) async throws -> [PartnerEventRecord] {
        try await PartnerEventRecord.query(on: db).filter(\.$organisationKey == organisationKey).filter(\.$sequence > sequence)
            .sort(\.$sequence).limit(limit).all()
    }

    /// The organisation's last sequence number (0 before any event).
    public static func latest(organisationKey: String, on db: any Database) async throws -> Int {
        try await PartnerEventRecord.query(on: db).filter(\.$organisationKey == organisationKey).max(\.$sequence) ?? 0
    }

    /// Deletes the events older than `date`, but never an organisation's last one: its
    /// number is where the next event's count starts.
    public static func purge(olderThan date: Date, on db: any Database) async throws {
        try await db.sql.raw("""
            DELETE FROM partner_events WHERE created_at < \(bind: date)
              AND sequence < (SELECT MAX(p.sequence) FROM partner_events p WHERE p.organisation_key = partner_events.organisation_key)
            """).run()
    }
}
