import FluentKit

/// Fixed-window counters shared by every instance (rate limits live in the database).
struct CreateRateLimit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rate_limits")
            .field("key", .string, .identifier(auto: false))
            .field("count", .int, .required)
            .field("expires_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rate_limits").delete()
    }
}
