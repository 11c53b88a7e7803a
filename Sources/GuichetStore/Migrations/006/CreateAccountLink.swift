import FluentKit
import FluentSQL

/// *Liaisons de comptes*: a citizen account tied to an organisation's own reference.
struct CreateAccountLink: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("account_links")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("organisation_key", .string, .required)
            .field("partner_reference", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "organisation_key", "partner_reference")
            .create()
        try await database.sql.create(index: "account_links_user").on("account_links").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("account_links").delete()
    }
}
