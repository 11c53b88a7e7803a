import FluentKit

struct CreateCodeChallenge: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("code_challenges")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("code_hash", .string, .required)
            .field("phone", .string, .required)
            .field("attempts", .int, .required)
            .field("sends", .int, .required)
            .field("last_sent_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("code_challenges").delete()
    }
}
