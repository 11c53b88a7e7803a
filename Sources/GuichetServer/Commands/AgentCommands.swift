import ArgumentParser
import Foundation
import GuichetCore
import GuichetOperations

/// `guichet agent add|list|remove`: the organisations' agents (the web inbox, SPEC §6).
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Invites, lists and removes the agents of the organisations' inbox.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: OperatorCommand {
        static let configuration = CommandConfiguration(
            abstract: "Invites an agent: an email with a link (72 hours, single use) to choose a password and enrol an authenticator app.",
            discussion: "The link is also printed on the last line, to hand it over another way if the email does not arrive.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The organisation id: an id of organisations.json, or mairie-<INSEE code>.") var organisation: String
        @Argument(help: "The agent's email address (one agent per address).") var email: String
        @Option(help: "instructeur (reads, exports, moves dossiers) or lecteur (reads and exports).") var role: AgentRole
        @Option(help: "The name shown in the dossiers' history (default: the address).") var name: String?

        func apply(in context: OperationContext) async throws -> [String] {
            do {
                let link = try await AgentAccounts.invite(organisationKey: organisation, email: email, name: name, role: role, in: context)
                return ["Invitation sent to \(email) (\(role.rawValue) for \(organisation)); the link works once, for 72 hours:", link]
            } catch let failure as AgentAccounts.Failure {
                throw CommandRefusal(failure.description)
            }
        }
    }

    struct List: OperatorCommand {
        static let configuration = CommandConfiguration(abstract: "Lists an organisation's agents.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The organisation id.") var organisation: String

        func apply(in context: OperationContext) async throws -> [String] {
            let agents = try await AgentAccounts.list(organisationKey: organisation, in: context)
            guard !agents.isEmpty else { return ["No agent."] }
            return ["email\tname\trole\tstate\tlast sign-in"] + agents.map { agent in
                let state = agent.isActive ? "active"
                    : agent.invitationExpiresAt.map { $0 > context.now ? "invited until \(APITimestamp.format($0))" : "invitation expired" } ?? "inactive"
                return [agent.email, agent.name, agent.role.rawValue, state, agent.lastSignInAt.map(APITimestamp.format) ?? "-"].joined(separator: "\t")
            }
        }
    }

    struct Remove: OperatorCommand {
        static let configuration = CommandConfiguration(abstract: "Removes an agent and ends its sessions at once.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The agent's email address.") var email: String

        func apply(in context: OperationContext) async throws -> [String] {
            do {
                try await AgentAccounts.remove(email: email, in: context)
                return ["Agent \(email) removed; its sessions are ended. What it did stays in the dossiers' history."]
            } catch let failure as AgentAccounts.Failure {
                throw CommandRefusal(failure.description)
            }
        }
    }
}

extension AgentRole: ExpressibleByArgument {}
