import FluentKit
import Foundation

/// A single-use link sent by email (confirmation, password reset, email change),
/// stored as the hash of its token.
public final class AccountTokenRecord: Model, @unchecked Sendable {
    public static let schema = "account_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "purpose") public var purpose: String
    @Field(key: "token_hash") public var tokenHash: String
    /// Extra data the link carries (the new address of an email change).
    @OptionalField(key: "payload") public var payload: String?
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "used_at") public var usedAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// One line of an account's *Historique de sécurité*.
public final class SecurityEventRecord: Model, @unchecked Sendable {
    public static let schema = "security_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "client_address") public var clientAddress: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A code sent by SMS, waiting to be typed: to sign in, or to confirm a phone number.
public final class CodeChallengeRecord: Model, @unchecked Sendable {
    public static let schema = "code_challenges"

    public enum Purpose: String, Codable, Sendable { case signIn = "sign-in", enrol }

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Enum(key: "purpose") public var purpose: Purpose
    @Field(key: "code_hash") public var codeHash: String
    @Field(key: "phone") public var phone: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "sends") public var sends: Int
    @Field(key: "last_sent_at") public var lastSentAt: Date
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}
}
