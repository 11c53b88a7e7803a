import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// *Liaisons de comptes* (SPEC §6): links arrive by the operator's import only, the
/// citizen sees them, the organisation deletes them (and the citizen is told).
public enum AccountLinking {
    public static let maximumReferenceLength = 100

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case unknownAccount(String)
        case unknownOrganisation(String)
        case invalidReference
        case duplicate

        public var description: String {
            switch self {
            case .unknownAccount(let identifier): "No account has the identifier \(identifier)."
            case .unknownOrganisation(let id): "Unknown organisation \(id): use an id of organisations.json or mairie-<INSEE code>."
            case .invalidReference: "The partner reference must be 1 to \(maximumReferenceLength) printable characters."
            case .duplicate: "This organisation already links this reference to an account."
            }
        }
    }

    /// A link as the citizen sees it: the reference masked.
    public struct CitizenLink: Sendable, Equatable {
        public let organisationName: String
        public let maskedReference: String
        public let linkedAt: Date
    }

    /// A link as its organisation sees it.
    public struct PartnerLink: Sendable, Equatable {
        public let id: UUID
        public let partnerReference: String
        public let linkedAt: Date
    }

    public struct Page: Sendable, Equatable {
        public let items: [PartnerLink]
        public let next: UUID?
    }

    /// `guichet account-link add`: a link migrated from the former portal.
    public static func add(identifier: String, organisationKey: String, partnerReference: String,
                           in context: OperationContext) async throws -> UUID {
        guard context.guichet.organisation(id: organisationKey) != nil else { throw Refusal.unknownOrganisation(organisationKey) }
        let reference = partnerReference.trimmingCharacters(in: .whitespaces)
        guard (1...maximumReferenceLength).contains(reference.count),
              !reference.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else { throw Refusal.invalidReference }
        guard let user = try await Accounts.find(identifier: identifier, on: context.db), let userID = user.id else {
            throw Refusal.unknownAccount(identifier)
        }
        do {
            return try await AccountLinks.add(userID: userID, organisationKey: organisationKey, partnerReference: reference,
                                              now: context.now, on: context.db).requireID()
        } catch is AccountLinks.Duplicate {
            throw Refusal.duplicate
        }
    }

    /// *Mon compte > Mes liaisons de comptes*.
    public static func links(of account: Account, in context: OperationContext) async throws -> [CitizenLink] {
        try await AccountLinks.list(userID: account.id, on: context.db).map { link in
            CitizenLink(organisationName: context.guichet.organisation(id: link.organisationKey)?.name ?? link.organisationKey,
                        maskedReference: FileNumberRule.masked(link.partnerReference), linkedAt: link.createdAt)
        }
    }

    /// The organisation's links, newest first, after the cursor `after`.
    public static func page(organisationKey: String, after: UUID?, limit: Int, in context: OperationContext) async throws -> Page {
        let size = min(max(limit, 1), PartnerDossiers.maximumPageSize)
        let rows = try await AccountLinks.page(organisationKey: organisationKey, after: after, limit: size + 1, on: context.db)
        let items = rows.prefix(size).compactMap { link in
            link.id.map { PartnerLink(id: $0, partnerReference: link.partnerReference, linkedAt: link.createdAt) }
        }
        return Page(items: items, next: rows.count > size ? items.last?.id : nil)
    }

    /// The organisation deletes one of its links: gone from the citizen's list, the
    /// citizen emailed and the organisation's feed told, in one transaction.
    public static func delete(_ id: UUID, organisationKey: String, actor: Actor, in context: OperationContext) async throws {
        let guichet = context.guichet
        let now = context.now
        let mailer = context.mailer
        let organisationName = guichet.organisation(id: organisationKey)?.name ?? organisationKey
        let deleted = try await AccountLinks.delete(id, organisationKey: organisationKey, on: context.db) { link, db in
            try await PartnerEvents.append(organisationKey: organisationKey, type: .accountLinkDeleted, details: .init(
                actor: actor.summary, accountLinkID: id, partnerReference: link.partnerReference), now: now, on: db)
            guard let user = try await Accounts.find(link.userID, on: db) else { return }
            let mail = PartnerMails.accountLinkDeleted(organisation: organisationName, maskedReference: FileNumberRule.masked(link.partnerReference),
                                                       link: guichet.link(.accountLinks))
            try await OutboxQueue.enqueue(try mailer.envelope(mail, to: Mailbox(user.email)), on: db, now: now)
        }
        guard deleted != nil else { throw OperationError.notFound }
    }
}
