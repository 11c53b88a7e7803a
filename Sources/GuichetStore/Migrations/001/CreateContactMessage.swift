import FluentKit

struct CreateContactMessage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("contact_messages")
            .id()
            .field("subject", .string, .required)
            .field("message", .string, .required)
            .field("email", .string, .required)
            .field("place", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contact_messages").delete()
    }
}
