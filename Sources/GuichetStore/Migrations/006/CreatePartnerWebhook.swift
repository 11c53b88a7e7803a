import FluentKit
import FluentSQL

/// One webhook per organisation, its sealed signing secret, and where its deliveries
/// stand: the sequence delivered last (the events after it are the queue), the next
/// attempt, and a lease so that one instance delivers at a time.
struct CreatePartnerWebhook: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("partner_webhooks")
            .id()
            .field("organisation_key", .string, .required)
            .unique(on: "organisation_key")
            .field("url", .string, .required)
            .field("secret", .string, .required)
            .field("created_at", .datetime, .required)
            .field("delivered_sequence", .int64, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("failing_since", .datetime)
            .field("attempts", .int, .required)
            .field("lease_until", .datetime)
            .create()
        try await database.schema("webhook_attempts")
            .id()
            .field("organisation_key", .string, .required)
            .field("event_sequence", .int64, .required)
            .field("event_id", .uuid, .required)
            .field("outcome", .string, .required)
            .field("status", .int)
            .field("error", .string)
            .field("attempted_at", .datetime, .required)
            .field("next_retry_at", .datetime)
            .create()
        try await database.sql.create(index: "webhook_attempts_organisation").on("webhook_attempts")
            .column("organisation_key").column("attempted_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("webhook_attempts").delete()
        try await database.schema("partner_webhooks").delete()
    }
}
