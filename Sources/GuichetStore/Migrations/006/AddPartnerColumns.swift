import FluentKit
import FluentSQL

/// What the organisations' lists need without reading each dossier: the reference and
/// procedure on every transmission (filled in for those already recorded), the indexes
/// of the newest-first keyset pages, and the SHA-256 of each attachment.
struct AddPartnerColumns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("transmissions").field("reference", .string).update()
        try await database.schema("transmissions").field("procedure_id", .string).update()
        try await database.sql.raw("""
            UPDATE transmissions SET
                reference = (SELECT reference FROM dossiers WHERE dossiers.id = transmissions.dossier_id),
                procedure_id = (SELECT procedure_id FROM dossiers WHERE dossiers.id = transmissions.dossier_id)
            """).run()
        try await database.sql.raw("""
            CREATE INDEX transmissions_organisation_newest ON transmissions (organisation_key, transmitted_at DESC, id DESC)
            """).run()
        try await database.sql.raw("""
            CREATE INDEX transmissions_organisation_state_newest ON transmissions (organisation_key, state, transmitted_at DESC, id DESC)
            """).run()
        try await database.sql.create(index: "transmissions_reference").on("transmissions").column("reference").run()
        try await database.schema("dossier_attachments").field("sha256", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dossier_attachments").deleteField("sha256").update()
        for index in ["transmissions_reference", "transmissions_organisation_state_newest", "transmissions_organisation_newest"] {
            try await database.sql.drop(index: index).run()
        }
        try await database.schema("transmissions").deleteField("procedure_id").update()
        try await database.schema("transmissions").deleteField("reference").update()
    }
}
