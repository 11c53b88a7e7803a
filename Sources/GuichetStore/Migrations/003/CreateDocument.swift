import FluentKit

struct CreateDocument: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("documents")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("category", .string, .required)
            .field("note", .string, .required)
            .field("pages", .int, .required)
            .field("size", .int, .required)
            .field("blob_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "documents_user").on("documents").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("documents").delete()
    }
}
