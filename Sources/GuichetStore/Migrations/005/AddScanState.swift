import FluentKit

/// Documents and attachments remember whether the virus scanner released them;
/// everything stored before scanning existed counts as released.
struct AddScanState: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for table in ["documents", "dossier_attachments"] {
            try await database.schema(table).field("scan_state", .string, .required, .sql(.default("clean"))).update()
            try await database.sql.create(index: "\(table)_scan_state").on(table).column("scan_state").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["documents", "dossier_attachments"] {
            try await database.sql.drop(index: "\(table)_scan_state").run()
            try await database.schema(table).deleteField("scan_state").update()
        }
    }
}
