import FluentKit
import Foundation
import GuichetCore

/// A partner-API key of an organisation (SPEC §6). The key itself is never stored.
public final class PartnerKeyRecord: Model, @unchecked Sendable {
    public static let schema = "partner_keys"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_key") public var organisationKey: String
    @Field(key: "name") public var name: String
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "read_only") public var readOnly: Bool
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "expires_at") public var expiresAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}

    public func isUsable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }
}

/// One event of an organisation's feed.
public final class PartnerEventRecord: Model, @unchecked Sendable {
    public static let schema = "partner_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_key") public var organisationKey: String
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "type") public var type: String
    /// `PartnerEvent.Details`, as JSON.
    @Field(key: "details") public var details: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var event: PartnerEvent? {
        guard let id, let type = PartnerEventType(rawValue: type) else { return nil }
        return PartnerEvent(id: id, sequence: sequence, type: type, occurredAt: createdAt, details: .decode(details))
    }
}

/// An organisation's webhook and where its deliveries stand.
public final class PartnerWebhookRecord: Model, @unchecked Sendable {
    public static let schema = "partner_webhooks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_key") public var organisationKey: String
    @Field(key: "url") public var url: String
    /// The signing secret, sealed with SECRET_KEY.
    @Field(key: "secret") public var sealedSecret: String
    @Field(key: "created_at") public var createdAt: Date
    /// The last event delivered (or skipped after 24 hours of failures).
    @Field(key: "delivered_sequence") public var deliveredSequence: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    /// When the event now being retried first failed.
    @OptionalField(key: "failing_since") public var failingSince: Date?
    @Field(key: "attempts") public var attempts: Int
    @OptionalField(key: "lease_until") public var leaseUntil: Date?

    public init() {}
}

/// One delivery attempt of a webhook, for `guichet partner-webhook deliveries`.
public final class WebhookAttemptRecord: Model, @unchecked Sendable {
    public static let schema = "webhook_attempts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_key") public var organisationKey: String
    @Field(key: "event_sequence") public var eventSequence: Int
    @Field(key: "event_id") public var eventID: UUID
    /// `delivered`, `retrying`, `refused` (a 4xx other than 429: not retried) or `given-up`.
    @Field(key: "outcome") public var outcome: String
    @OptionalField(key: "status") public var status: Int?
    @OptionalField(key: "error") public var error: String?
    @Field(key: "attempted_at") public var attemptedAt: Date
    @OptionalField(key: "next_retry_at") public var nextRetryAt: Date?

    public init() {}
}

/// *Liaison de compte*: a citizen account known to an organisation by its own reference.
public final class AccountLinkRecord: Model, @unchecked Sendable {
    public static let schema = "account_links"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "organisation_key") public var organisationKey: String
    @Field(key: "partner_reference") public var partnerReference: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// The first answer to an `Idempotency-Key`; `status` is nil while it is being made.
public final class IdempotencyKeyRecord: Model, @unchecked Sendable {
    public static let schema = "idempotency_keys"

    @ID(key: .id) public var id: UUID?
    @Field(key: "partner_key_id") public var partnerKeyID: UUID
    @Field(key: "key") public var key: String
    @Field(key: "request_hash") public var requestHash: String
    @OptionalField(key: "status") public var status: Int?
    @OptionalField(key: "body") public var body: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
