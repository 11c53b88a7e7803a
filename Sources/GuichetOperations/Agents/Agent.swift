import Foundation
import GuichetCore
import GuichetStore

/// A signed-in agent of an organisation, as the inbox needs it.
public struct Agent: Sendable, Equatable {
    public let id: UUID
    public let organisationKey: String
    public let organisationName: String
    public let email: String
    /// As histories show it.
    public let name: String
    public let role: AgentRole

    init(_ record: AgentRecord, guichet: Guichet) throws {
        id = try record.requireID()
        organisationKey = record.organisationKey
        organisationName = guichet.organisation(id: record.organisationKey)?.name ?? record.organisationKey
        email = record.email
        name = record.displayName
        role = record.role
    }

    /// How its moves are recorded.
    public var actor: Actor { .agent(name: name) }
}

extension Agent {
    /// The agent of a session, if it is still an active agent (removed agents' sessions
    /// are deleted with them; this also covers a row deleted by hand).
    public static func current(_ id: UUID, in context: OperationContext) async throws -> Agent? {
        guard let record = try await Agents.find(id, on: context.db), record.isActive else { return nil }
        return try Agent(record, guichet: context.guichet)
    }
}
