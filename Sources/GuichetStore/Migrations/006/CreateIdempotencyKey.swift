import FluentKit
import FluentSQL

/// The first answer to each `Idempotency-Key` of a partner key, replayed for 24 hours.
struct CreateIdempotencyKey: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("idempotency_keys")
            .id()
            .field("partner_key_id", .uuid, .required, .references("partner_keys", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("request_hash", .string, .required)
            .field("status", .int)
            .field("body", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "partner_key_id", "key")
            .create()
        try await database.sql.create(index: "idempotency_keys_created").on("idempotency_keys").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("idempotency_keys").delete()
    }
}
