import FluentKit
import FluentSQL

struct CreateDossierAttachment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dossier_attachments")
            .id()
            .field("dossier_id", .uuid, .required, .references("dossiers", "id", onDelete: .cascade))
            .field("field_id", .string, .required)
            .field("title", .string, .required)
            .field("pages", .int, .required)
            .field("size", .int, .required)
            .field("blob_key", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "dossier_attachments_dossier").on("dossier_attachments").column("dossier_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dossier_attachments").delete()
    }
}
