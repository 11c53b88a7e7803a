import FluentKit
import Foundation
import GuichetCore

/// An organisation's agent (the web inbox, SPEC §6). Invited by the operator: until the
/// invitation is accepted there is no password, and the authenticator key waits sealed.
public final class AgentRecord: Model, @unchecked Sendable {
    public static let schema = "agents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_key") public var organisationKey: String
    @Field(key: "email") public var email: String
    /// The address in lower case: one agent per address, whatever the organisation.
    @Field(key: "email_key") public var emailKey: String
    @OptionalField(key: "name") public var name: String?
    @Field(key: "role") public var roleValue: String
    @OptionalField(key: "password_hash") public var passwordHash: String?
    /// Sealed with `SecretSealer` under the agent's id.
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    @OptionalField(key: "totp_last_step") public var totpLastStep: Int?
    @Field(key: "failed_sign_ins") public var failedSignIns: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    /// SHA-256 of the invitation link's token, until it is used.
    @OptionalField(key: "invitation_hash") public var invitationHash: String?
    @OptionalField(key: "invitation_expires_at") public var invitationExpiresAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "activated_at") public var activatedAt: Date?
    @OptionalField(key: "last_sign_in_at") public var lastSignInAt: Date?

    public init() {}

    public var role: AgentRole { AgentRole(rawValue: roleValue) ?? .lecteur }
    public var isActive: Bool { activatedAt != nil && passwordHash != nil && totpSecret != nil }
    public var displayName: String { AgentPolicy.displayName(name: name, email: email) }
}
