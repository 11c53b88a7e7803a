import FluentKit

struct CreateAccountToken: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("account_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .unique(on: "token_hash")
            .field("payload", .string)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "account_tokens_user").on("account_tokens").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("account_tokens").delete()
    }
}
