import FluentKit
import FluentSQL

struct CreateDossier: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dossiers")
            .id()
            .field("procedure_id", .string, .required)
            // A transmitted dossier outlives the account that sent it.
            .field("user_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("state", .string, .required)
            .field("answers", .string, .required)
            .field("current_step", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("saved_at", .datetime)
            .field("expires_at", .datetime)
            .field("alert_sent_at", .datetime)
            .field("resume_number", .string)
            .unique(on: "resume_number")
            .field("resume_password_hash", .string)
            .field("contact_email", .string)
            .field("reference", .string)
            .unique(on: "reference")
            .field("submitted_at", .datetime)
            .create()
        try await database.sql.create(index: "dossiers_user").on("dossiers").column("user_id").run()
        try await database.sql.create(index: "dossiers_state_expiry").on("dossiers").column("state").column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dossiers").delete()
    }
}
