import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// The organisations' web inbox (SPEC §6): the same reads and the same tracking
/// operation as the partner API, for the agent's own organisation only.
public enum AgentInbox {
    public struct Item: Sendable, Equatable {
        public let reference: String
        public let procedureID: String
        public let procedureTitle: String
        public let transmittedAt: Date
        public let applicant: String?
        public let state: TransmissionState
        public let message: String?
    }

    public struct Page: Sendable {
        public let query: InboxQuery
        public let items: [Item]
        /// Per tab, under the same filters.
        public let counts: [InboxTab: Int]
        /// The procedures a filter can choose: those the organisation receives.
        public let procedures: [(id: String, title: String)]

        public var total: Int { counts[query.tab] ?? 0 }
        public var pageCount: Int { max(1, (total + AgentPolicy.pageSize - 1) / AgentPolicy.pageSize) }
    }

    /// The procedures whose dossiers may reach this organisation, by title.
    public static func procedures(for agent: Agent, in context: OperationContext) -> [(id: String, title: String)] {
        let isTownHall = agent.organisationKey.hasPrefix(TownHall.organisationPrefix)
        return context.guichet.procedures.procedures.filter { procedure in
            procedure.processedBy.contains { target in
                switch target {
                case .organisation(let id): id == agent.organisationKey
                case .townHallOf: isTownHall
                case .chosenIn(let field): procedure.field(field)?.organisations.contains { $0.value == agent.organisationKey } ?? false
                }
            }
        }.map { ($0.id, $0.title) }
    }

    public static func list(_ query: InboxQuery, for agent: Agent, in context: OperationContext) async throws -> Page {
        let filter = Self.filter(query, agent: agent, tabbed: true)
        let counts = try await Transmissions.inboxCounts(filter, on: context.db)
        let rows = try await Transmissions.inbox(filter, offset: (query.page - 1) * AgentPolicy.pageSize, limit: AgentPolicy.pageSize,
                                                 on: context.db)
        return Page(query: query, items: rows.map { item($0, in: context) },
                    counts: Dictionary(uniqueKeysWithValues: InboxTab.allCases.map { ($0, counts[$0.state] ?? 0) }),
                    procedures: procedures(for: agent, in: context))
    }

    /// The dossier as the organisation knows it (the partner API's detail).
    public static func dossier(_ reference: String, for agent: Agent, in context: OperationContext) async throws -> PartnerDossiers.Detail {
        try await PartnerDossiers.detail(reference: reference, organisationKey: agent.organisationKey, in: context)
    }

    public static func attachment(_ id: UUID, reference: String, for agent: Agent,
                                  in context: OperationContext) async throws -> (title: String, data: Data) {
        try await PartnerDossiers.attachment(id, reference: reference, organisationKey: agent.organisationKey, in: context)
    }

    public static func receipt(_ reference: String, for agent: Agent, in context: OperationContext) async throws -> (title: String, data: Data) {
        try await PartnerDossiers.receipt(reference: reference, organisationKey: agent.organisationKey, in: context)
    }

    public enum ActionOutcome: Sendable, Equatable {
        case done(DossierTracking.Outcome)
        /// The message to correct.
        case invalid(FieldErrors)
    }

    /// *Accuser réception*, *Passer en cours de traitement*, *Marquer comme traité*:
    /// instructors only, a message required to close, through the one tracking operation.
    public static func act(_ action: InboxAction, reference: String, message: String, by agent: Agent,
                           in context: OperationContext) async throws -> ActionOutcome {
        guard agent.role.mayAct else { throw OperationError.forbidden(forbiddenMessage(agent.role)) }
        var errors = FieldErrors()
        let trimmed = TrackingMessage.normalized(message)
        if action.requiresMessage && trimmed == nil {
            errors.add("message", "Écrivez à l'usager ce qui a été décidé ou fait : ce message lui est envoyé avec la clôture de son dossier.")
            return .invalid(errors)
        }
        do {
            return .done(try await PartnerDossiers.advance(reference: reference, organisationKey: agent.organisationKey, to: action.target,
                                                           message: trimmed, actor: agent.actor, in: context))
        } catch DossierTracking.Failure.messageTooLong {
            errors.add("message", "Votre message doit compter au plus \(TrackingMessage.maximumLength) caractères.")
        } catch DossierTracking.Failure.controlCharacters {
            errors.add("message", "Votre message contient des caractères invisibles non autorisés : retirez-les.")
        } catch DossierTracking.Failure.refused(let from, _) {
            errors.add("message", "Le dossier est maintenant « \(from.label) » : cette action n'est plus possible. Rechargez la page.")
        }
        return .invalid(errors)
    }

    public static func forbiddenMessage(_ role: AgentRole) -> String {
        "Votre rôle « \(role.label) » permet de consulter et d'exporter les dossiers, pas de les faire avancer. Demandez à un instructeur de votre organisme."
    }

    /// The filtered list (every tab's state, or one), newest first, in batches: an export
    /// of 50,000 rows never holds more than one batch.
    public static func export(_ query: InboxQuery, allTabs: Bool, for agent: Agent, in context: OperationContext,
                              batch: @Sendable ([Item]) async throws -> Void) async throws {
        let filter = Self.filter(query, agent: agent, tabbed: !allTabs)
        var cursor: (Date, UUID)?
        while true {
            let rows = try await Transmissions.inboxBatch(filter, after: cursor, limit: 500, on: context.db)
            guard let last = rows.last else { return }
            try await batch(rows.map { item($0, in: context) })
            cursor = (last.transmittedAt, try last.requireID())
            if rows.count < 500 { return }
        }
    }

    /// The export's header and rows (French headers, `;`, formula-safe cells).
    public static let csvHeader = ["Référence", "Démarche", "Date de transmission", "Demandeur", "État", "Dernier message"]

    public static func csvRow(_ item: Item) -> String {
        CSVWriter.row([item.reference, item.procedureTitle, FrenchDate.withTime(item.transmittedAt), item.applicant ?? "",
                       item.state.label, item.message ?? ""])
    }

    private static func filter(_ query: InboxQuery, agent: Agent, tabbed: Bool) -> Transmissions.InboxFilter {
        let interval = query.interval
        return Transmissions.InboxFilter(organisationKey: agent.organisationKey, state: tabbed ? query.tab.state : nil,
                                         procedureID: query.procedureID, transmittedFrom: interval.start, transmittedBefore: interval.end,
                                         name: query.foldedSearch, reference: query.referenceSearch)
    }

    private static func item(_ row: TransmissionRecord, in context: OperationContext) -> Item {
        let procedureID = row.procedureID ?? ""
        return Item(reference: row.reference ?? "", procedureID: procedureID,
                    procedureTitle: context.guichet.procedures.procedure(procedureID)?.title ?? procedureID,
                    transmittedAt: row.transmittedAt, applicant: row.applicantName, state: row.state, message: row.message)
    }
}
