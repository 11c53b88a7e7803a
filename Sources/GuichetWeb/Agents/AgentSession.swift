import Foundation
import GuichetCore
import GuichetOperations
import Vapor

extension Request {
    private struct AgentSessionKey: StorageKey { typealias Value = SessionBox }
    private struct CurrentAgentKey: StorageKey { typealias Value = Agent }

    /// The organisations' session (its own cookie and realm), loaded by the
    /// `SessionMiddleware(realm: .agents)` of the `/agents` routes.
    var agentSession: SessionBox {
        if let box = storage[AgentSessionKey.self] { return box }
        let box = SessionBox()
        storage[AgentSessionKey.self] = box
        return box
    }

    func setAgentSession(_ box: SessionBox) {
        storage[AgentSessionKey.self] = box
    }

    /// The signed-in agent, loaded once per request; a session whose agent was removed
    /// is ended.
    func currentAgent() async throws -> Agent? {
        if let cached = storage[CurrentAgentKey.self] { return cached }
        guard let id = agentSession.userID else { return nil }
        guard let agent = try await Agent.current(id, in: operations) else {
            agentSession.destroy()
            return nil
        }
        storage[CurrentAgentKey.self] = agent
        return agent
    }

    /// The agent of a page behind `RequireAgentMiddleware`.
    func agent() async throws -> Agent {
        guard let agent = try await currentAgent() else { throw Abort(.unauthorized) }
        return agent
    }
}

/// Guards the inbox: without a signed-in agent, to `/agents/connexion`.
struct RequireAgentMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try await request.currentAgent() != nil else {
            let query = request.agentSession.hasExpired ? [("session", "expiree")] : []
            return request.redirect(to: SiteURL.agentSignIn.with(query), redirectType: .normal)
        }
        return try await next.respond(to: request)
    }
}

extension SessionBox {
    private static let pendingAgentKey = "pending.agent"

    /// Password accepted, the authenticator code awaited.
    var pendingAgentSignIn: AgentSignIn.Pending? {
        get { self[Self.pendingAgentKey].flatMap { try? JSONDecoder().decode(AgentSignIn.Pending.self, from: Data($0.utf8)) } }
        set { self[Self.pendingAgentKey] = newValue.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) } }
    }
}
