import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// The partner API's keys (SPEC §6): created and revoked by the operator, looked up by
/// the SHA-256 of the presented key.
public enum PartnerKeys {
    public static func create(organisationKey: String, name: String, tokenHash: String, readOnly: Bool, expiresAt: Date?,
                              now: Date, on db: any Database) async throws -> PartnerKeyRecord {
        let record = PartnerKeyRecord()
        record.id = UUID()
        record.organisationKey = organisationKey
        record.name = name
        record.tokenHash = tokenHash
        record.readOnly = readOnly
        record.createdAt = now
        record.expiresAt = expiresAt
        try await record.create(on: db)
        return record
    }

    public static func find(tokenHash: String, on db: any Database) async throws -> PartnerKeyRecord? {
        try await PartnerKeyRecord.query(on: db).filter(\.$tokenHash == tokenHash).first()
    }

    public static func find(_ id: UUID, on db: any Database) async throws -> PartnerKeyRecord? {
        try await PartnerKeyRecord.find(id, on: db)
    }

    /// Every key, or an organisation's, oldest first.
    public static func list(organisationKey: String?, on db: any Database) async throws -> [PartnerKeyRecord] {
        var query = PartnerKeyRecord.query(on: db)
        if let organisationKey { query = query.filter(\.$organisationKey == organisationKey) }
        return try await query.sort(\.$organisationKey).sort(\.$createdAt).all()
    }

    /// Revokes a key; false when it did not exist or was already revoked.
    public static func revoke(_ id: UUID, now: Date, on db: any Database) async throws -> Bool {
        let row = try await db.sql.raw("""
            UPDATE partner_keys SET revoked_at = \(bind: now) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id
            """).first()
        return row != nil
    }

    /// How often a key's use is recorded.
    public static let touchInterval: TimeInterval = 60

    /// Records a use, at most once a minute per key (a write on every request would
    /// cost more than the request).
    public static func touch(_ id: UUID, now: Date, on db: any Database) async throws {
        try await db.sql.raw("""
            UPDATE partner_keys SET last_used_at = \(bind: now)
            WHERE id = \(bind: id) AND (last_used_at IS NULL OR last_used_at < \(bind: now.addingTimeInterval(-touchInterval)))
            """).run()
    }
}
