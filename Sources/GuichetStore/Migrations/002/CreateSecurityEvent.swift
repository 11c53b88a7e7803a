import FluentKit

struct CreateSecurityEvent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("security_events")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("client_address", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "security_events_user").on("security_events").column("user_id").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("security_events").delete()
    }
}
