import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// *Espace des organismes*: signing in (password, then the authenticator code),
/// accepting an invitation, signing out.
enum AgentSignInController {
    @Sendable static func show(req: Request) async throws -> Response {
        if try await req.currentAgent() != nil { return req.redirect(to: .agentInbox) }
        let query = (try? req.query.decode([String: String].self)) ?? [:]
        return req.render(AgentSignInPage(notice: AgentSignInPage.notice(for: query)))
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        guard let body = try? req.formBody() else { return unreadable(req) }
        let email = body["email"]
        switch try await AgentSignIn.submitPassword(email: email, password: body["password"], in: req.operations) {
        case .incomplete(let errors):
            return req.render(AgentSignInPage(email: email, errors: errors), status: .unprocessableEntity)
        case .refused(let refusal):
            var errors = FieldErrors()
            errors.add("email", refusal.message)
            return req.render(AgentSignInPage(email: email, errors: errors), status: refusal == .throttled ? .tooManyRequests : .unprocessableEntity)
        case .codeRequired(let pending):
            req.agentSession.pendingAgentSignIn = pending
            return req.redirect(to: .agentSignInCode)
        }
    }

    @Sendable static func showCode(req: Request) async throws -> Response {
        guard req.agentSession.pendingAgentSignIn != nil else { return req.redirect(to: .agentSignIn) }
        return req.render(AgentSignInCodePage())
    }

    @Sendable static func submitCode(req: Request) async throws -> Response {
        guard let pending = req.agentSession.pendingAgentSignIn else { return req.redirect(to: .agentSignIn) }
        guard let body = try? req.formBody() else { return req.render(AgentSignInCodePage(error: WebError.unreadableForm.reason), status: .unprocessableEntity) }
        switch try await AgentSignIn.submitCode(pending, code: body["code"], in: req.operations) {
        case .signedIn(let agent):
            return signedIn(agent, on: req)
        case .restart:
            req.agentSession.pendingAgentSignIn = nil
            return req.redirect(to: .agentSignIn)
        case .locked(let message):
            req.agentSession.pendingAgentSignIn = nil
            var errors = FieldErrors()
            errors.add("email", message)
            return req.render(AgentSignInPage(errors: errors), status: .unprocessableEntity)
        case .refused(let message):
            return req.render(AgentSignInCodePage(error: message), status: .unprocessableEntity)
        }
    }

    /// The agents' session gets a new token and the forms a new token (against fixation).
    static func signedIn(_ agent: Agent, on req: Request) -> Response {
        req.agentSession.pendingAgentSignIn = nil
        req.agentSession.signIn(userID: agent.id)
        req.rotateCSRFToken()
        return req.redirect(to: .agentInbox)
    }

    @Sendable static func signOut(req: Request) async throws -> Response {
        req.agentSession.destroy()
        return req.redirect(to: SiteURL.agentSignIn.with([("deconnexion", "1")]), redirectType: .normal)
    }

    @Sendable static func invitation(req: Request) async throws -> Response {
        let token = (try? req.query.get(String.self, at: "jeton")) ?? ""
        guard let setup = try await AgentInvitation.open(token: token, in: req.operations) else {
            return req.render(AgentInvitationExpiredPage(), status: .notFound)
        }
        return req.render(AgentInvitationPage(token: token, setup: setup))
    }

    @Sendable static func acceptInvitation(req: Request) async throws -> Response {
        guard let body = try? req.formBody() else { throw WebError.unreadableForm }
        let token = body["jeton"]
        let outcome = try await AgentInvitation.accept(token: token, password: body["password"], confirmation: body["confirmation"],
                                                       code: body["code"], in: req.operations)
        switch outcome {
        case .accepted(let agent):
            return signedIn(agent, on: req)
        case .expired:
            return req.render(AgentInvitationExpiredPage(), status: .notFound)
        case .invalid(let errors):
            guard let setup = try await AgentInvitation.open(token: token, in: req.operations) else {
                return req.render(AgentInvitationExpiredPage(), status: .notFound)
            }
            return req.render(AgentInvitationPage(token: token, setup: setup, errors: errors), status: .unprocessableEntity)
        }
    }

    static func unreadable(_ req: Request) -> Response {
        var errors = FieldErrors()
        errors.add("email", WebError.unreadableForm.reason)
        return req.render(AgentSignInPage(errors: errors), status: .unprocessableEntity)
    }
}
