import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// Organisations' webhooks. The queue is the event feed itself: a webhook delivers the
/// events after its `delivered_sequence`, one at a time and in order, so nothing queued
/// with a change can be lost or overtaken.
public enum PartnerWebhooks {
    /// Sets an organisation's webhook, or replaces its address and secret. A new one
    /// delivers the events that happen from now on; a replaced one keeps its place, so
    /// that rotating the secret skips nothing still to deliver.
    @discardableResult
    public static func set(id: UUID, organisationKey: String, url: String, sealedSecret: String, now: Date,
                           on db: any Database) async throws -> PartnerWebhookRecord {
        try await db.writeTransaction { db in
            let existing = try await PartnerWebhookRecord.query(on: db).filter(\.$organisationKey == organisationKey).first()
            try await PartnerWebhookRecord.query(on: db).filter(\.$organisationKey == organisationKey).delete()
            let record = PartnerWebhookRecord()
            record.id = id
            record.organisationKey = organisationKey
            record.url = url
            record.sealedSecret = sealedSecret
            record.createdAt = now
            if let existing {
                record.deliveredSequence = existing.deliveredSequence
            } else {
                record.deliveredSequence = try await PartnerEvents.latest(organisationKey: organisationKey, on: db)
            }
            record.nextAttemptAt = now
            record.attempts = 0
            try await record.create(on: db)
            return record
        }
    }

    /// False when the organisation had none.
    public static func remove(organisationKey: String, on db: any Database) async throws -> Bool {
        let existing = try await find(organisationKey: organisationKey, on: db)
        try await existing?.delete(on: db)
        return existing != nil
    }

    public static func find(organisationKey: String, on db: any Database) async throws -> PartnerWebhookRecord? {
        try await PartnerWebhookRecord.query(on: db).filter(\.$organisationKey == organisationKey).first()
    }

    /// Leases the webhooks that have an event to deliver and whose next attempt is due,
    /// so that of several instances only one delivers an organisation's events.
    public static func claimDue(now: Date, lease: TimeInterval, limit: Int, on db: any Database) async throws -> [PartnerWebhookRecord] {
        let candidates = try await db.sql.raw("""
            SELECT w.id FROM partner_webhooks w
            WHERE w.next_attempt_at <= \(bind: now) AND (w.lease_until IS NULL OR w.lease_until < \(bind: now))
              AND EXISTS (SELECT 1 FROM partner_events e WHERE e.organisation_key = w.organisation_key AND e.sequence > w.delivered_sequence)
            ORDER BY w.next_attempt_at LIMIT \(bind: limit)
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        var claimed: [PartnerWebhookRecord] = []
        for id in candidates {
            let won = try await db.sql.raw("""
                UPDATE partner_webhooks SET lease_until = \(bind: now.addingTimeInterval(lease))
                WHERE id = \(bind: id) AND (lease_until IS NULL OR lease_until < \(bind: now)) RETURNING id
                """).first()
            if won != nil, let record = try await PartnerWebhookRecord.find(id, on: db) { claimed.append(record) }
        }
        return claimed
    }

    /// The next event a webhook has to deliver.
    public static func nextEvent(of webhook: PartnerWebhookRecord, on db: any Database) async throws -> PartnerEventRecord? {
        try await PartnerEvents.list(organisationKey: webhook.organisationKey, after: webhook.deliveredSequence, limit: 1, on: db).first
    }

    /// Done with an event (delivered, refused by the receiver, or given up): the next
    /// one is due now. The lease stays: the same run goes on with the next event.
    /// `failingSince` is kept after giving up, so that a receiver down for more than 24
    /// hours has each later event tried once until it answers again.
    public static func advance(_ webhook: PartnerWebhookRecord, past sequence: Int, failingSince: Date? = nil, now: Date,
                               on db: any Database) async throws {
        try await db.sql.raw("""
            UPDATE partner_webhooks SET delivered_sequence = \(bind: sequence), attempts = 0, failing_since = \(bind: failingSince),
                next_attempt_at = \(bind: now)
            WHERE id = \(bind: try webhook.requireID()) AND delivered_sequence < \(bind: sequence)
            """).run()
    }

    /// The event stays next; try again at `retryAt`.
    public static func postpone(_ webhook: PartnerWebhookRecord, attempts: Int, failingSince: Date, retryAt: Date,
                                on db: any Database) async throws {
        try await db.sql.raw("""
            UPDATE partner_webhooks SET attempts = \(bind: attempts), failing_since = \(bind: failingSince),
                next_attempt_at = \(bind: retryAt)
            WHERE id = \(bind: try webhook.requireID())
            """).run()
    }

    /// Ends this instance's run on the webhook.
    public static func release(_ webhook: PartnerWebhookRecord, on db: any Database) async throws {
        try await db.sql.raw("UPDATE partner_webhooks SET lease_until = NULL WHERE id = \(bind: try webhook.requireID())").run()
    }

    public static func record(_ attempt: WebhookAttemptRecord, on db: any Database) async throws {
        if attempt.id == nil { attempt.id = UUID() }
        try await attempt.create(on: db)
    }

    /// The last attempts for an organisation, newest first.
    public static func attempts(organisationKey: String, limit: Int, on db: any Database) async throws -> [WebhookAttemptRecord] {
        try await WebhookAttemptRecord.query(on: db).filter(\.$organisationKey == organisationKey)
            .sort(\.$attemptedAt, .descending).sort(\.$eventSequence, .descending).limit(limit).all()
    }

    public static func purgeAttempts(olderThan date: Date, on db: any Database) async throws {
        try await WebhookAttemptRecord.query(on: db).filter(\.$attemptedAt < date).delete()
    }
}
