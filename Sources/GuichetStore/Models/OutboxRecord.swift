import FluentKit
import Foundation

/// A message waiting in, or delivered from, the outbox (SPEC §10).
public final class OutboxRecord: Model, @unchecked Sendable {
    public static let schema = "outbox_messages"

    public enum Channel: String, Codable, Sendable { case email, sms }
    public enum Status: String, Codable, Sendable { case pending, sent, failed }

    @ID(key: .id) public var id: UUID?
    @Enum(key: "channel") public var channel: Channel
    @Field(key: "recipient") public var recipient: String
    /// A short label for listings and metrics (the subject, or "SMS").
    @Field(key: "summary") public var summary: String
    /// The rendered message as JSON (`EmailMessage` or `SMSMessage`).
    @Field(key: "payload") public var payload: String
    @Enum(key: "status") public var status: Status
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    @OptionalField(key: "lease_until") public var leaseUntil: Date?
    @OptionalField(key: "last_error") public var lastError: String?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "sent_at") public var sentAt: Date?

    public init() {}
}
