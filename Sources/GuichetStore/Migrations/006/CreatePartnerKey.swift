import FluentKit
import FluentSQL

/// The partner API's bearer keys: only the SHA-256 of each key is kept.
struct CreatePartnerKey: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("partner_keys")
            .id()
            .field("organisation_key", .string, .required)
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .unique(on: "token_hash")
            .field("read_only", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("expires_at", .datetime)
            .field("revoked_at", .datetime)
            .create()
        try await database.sql.create(index: "partner_keys_organisation").on("partner_keys").column("organisation_key").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("partner_keys").delete()
    }
}
