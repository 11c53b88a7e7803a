import FluentKit

struct CreateBrowserSession: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("browser_sessions")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid)
            .field("data", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "browser_sessions_user_id").on("browser_sessions").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("browser_sessions").delete()
    }
}
