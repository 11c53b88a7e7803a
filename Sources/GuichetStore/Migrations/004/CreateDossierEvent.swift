import FluentKit
import FluentSQL

struct CreateDossierEvent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dossier_events")
            .id()
            .field("dossier_id", .uuid, .required, .references("dossiers", "id", onDelete: .cascade))
            .field("organisation_key", .string)
            .field("transition", .string, .required)
            .field("from_state", .string)
            .field("to_state", .string, .required)
            .field("actor", .string, .required)
            .field("message", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "dossier_events_dossier").on("dossier_events").column("dossier_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dossier_events").delete()
    }
}
