import FluentKit
import FluentSQL

/// Each organisation's event feed, numbered without gaps; also the webhooks' queue.
struct CreatePartnerEvent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("partner_events")
            .id()
            .field("organisation_key", .string, .required)
            .field("sequence", .int64, .required)
            .field("type", .string, .required)
            .field("details", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "organisation_key", "sequence")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("partner_events").delete()
    }
}
