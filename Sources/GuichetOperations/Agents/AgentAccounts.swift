import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// The operator's side of agents (`guichet agent …`): inviting, listing, removing.
public enum AgentAccounts {
    /// Why an agent cannot be added or removed, for the command's message.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unknownOrganisation(String)
        case invalidEmail
        case emailTaken
        case unknownAgent

        public var description: String {
            switch self {
            case .unknownOrganisation(let id): "no organisation has the id \(id) (see the procedures' organisations, or mairie-<INSEE code>)"
            case .invalidEmail: "this is not an email address"
            case .emailTaken: "an agent already has this address (remove it first to invite it again)"
            case .unknownAgent: "no agent has this address"
            }
        }
    }

    /// One row of `guichet agent list`.
    public struct Summary: Sendable, Equatable {
        public let email: String
        public let name: String
        public let role: AgentRole
        public let isActive: Bool
        public let invitationExpiresAt: Date?
        public let lastSignInAt: Date?
    }

    /// Creates the agent and emails its invitation (72 hours, single use), whose link
    /// is returned too so an operator can hand it over another way. The authenticator
    /// key is drawn now and sealed, so the invitation page shows the same one each time.
    @discardableResult
    public static func invite(organisationKey: String, email typed: String, name: String?, role: AgentRole,
                              in context: OperationContext) async throws -> String {
        guard let organisation = context.guichet.organisation(id: organisationKey) else { throw Failure.unknownOrganisation(organisationKey) }
        guard let email = EmailAddress(typed) else { throw Failure.invalidEmail }
        let token = SecureToken.generate()
        let now = context.now
        let expires = now.addingTimeInterval(AgentPolicy.invitationLifetime)
        let record = AgentRecord()
        let id = UUID()
        record.id = id
        record.organisationKey = organisation.id
        record.email = email.value
        record.emailKey = email.value.lowercased()
        record.name = name.map(Text.normalized).flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
        record.roleValue = role.rawValue
        record.totpSecret = try context.guichet.secrets.seal(Base32.encode(TOTP.generateSecret()), account: id)
        record.failedSignIns = 0
        record.invitationHash = TokenHash.sha256(token)
        record.invitationExpiresAt = expires
        record.createdAt = now
        let link = context.guichet.link(.agentInvitation, token: token)
        let mail = try context.mailer.envelope(AgentMails.invitation(organisation: organisation.name, role: role, link: link, expires: expires),
                                               to: Mailbox(email.value))
        do {
            try await context.db.writeTransaction { db in
                try await Agents.insert(record, on: db)
                try await OutboxQueue.enqueue(mail, on: db, now: now)
            }
        } catch is Agents.EmailTaken {
            throw Failure.emailTaken
        }
        return link
    }

    public static func list(organisationKey: String, in context: OperationContext) async throws -> [Summary] {
        try await Agents.list(organisationKey: organisationKey, on: context.db).map {
            Summary(email: $0.email, name: $0.displayName, role: $0.role, isActive: $0.isActive,
                    invitationExpiresAt: $0.invitationExpiresAt, lastSignInAt: $0.lastSignInAt)
        }
    }

    /// Removes the agent; its sessions end at once.
    public static func remove(email: String, in context: OperationContext) async throws {
        guard let record = try await Agents.find(email: Text.normalized(email), on: context.db) else { throw Failure.unknownAgent }
        try await Agents.delete(try record.requireID(), on: context.db)
    }
}
