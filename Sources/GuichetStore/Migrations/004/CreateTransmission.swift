import FluentKit
import FluentSQL

struct CreateTransmission: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("transmissions")
            .id()
            .field("dossier_id", .uuid, .required, .references("dossiers", "id", onDelete: .cascade))
            .field("organisation_key", .string, .required)
            .field("organisation_name", .string, .required)
            .field("contacts", .string, .required)
            .field("state", .string, .required)
            .field("message", .string)
            .field("transmitted_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "dossier_id", "organisation_key")
            .create()
        try await database.sql.create(index: "transmissions_organisation").on("transmissions").column("organisation_key").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("transmissions").delete()
    }
}
