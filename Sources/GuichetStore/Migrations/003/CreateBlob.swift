import FluentKit

struct CreateBlob: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("blobs")
            .field("key", .string, .identifier(auto: false))
            .field("data", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("blobs").delete()
    }
}
