import Fluent
import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetOperations
import Testing
import Vapor

/// An agent invited and enrolled through the real pages, as a browser signed in to the
/// organisations' space.
struct SignedInAgent {
    let browser: TestBrowser
    let email: String
    /// The authenticator key the invitation page showed.
    let secret: [UInt8]
}

extension TestApp {
    static let agentPassword = "la mairie ouvre à neuf heures"

    /// The invitation link's token, from `AgentAccounts.invite` (what `guichet agent add` prints).
    func invite(_ organisation: String, _ email: String, role: AgentRole, name: String? = nil) async throws -> String {
        let link = try await AgentAccounts.invite(organisationKey: organisation, email: email, name: name, role: role, in: operatorContext)
        return try #require(URLComponents(string: link)?.queryItems?.first { $0.name == "jeton" }?.value)
    }

    /// The code an authenticator application shows at the test clock's time.
    func totp(_ secret: [UInt8], offset: TimeInterval = 0) -> String {
        TOTP.code(secret: secret, step: TOTP.timeStep(at: clock.now().addingTimeInterval(offset)))
    }

    /// Invites, accepts the invitation (password and authenticator) and returns the
    /// signed-in browser.
    func agent(_ organisation: String = "mairie-69123", email: String = "agent@mairie-lyon.fr", role: AgentRole = .instructeur,
               name: String? = "Marie Agent") async throws -> SignedInAgent {
        let token = try await invite(organisation, email, role: role, name: name)
        let browser = browser()
        let page = try await browser.get("/agents/invitation?jeton=\(token)")
        #expect(page.status == .ok)
        let shown = try #require(page.firstMatch(#"<code class="secret-key">(.*?)</code>"#, group: 1))
        let secret = try #require(Base32.decode(shown.replacingOccurrences(of: " ", with: "")))
        let accepted = try await browser.post("/agents/invitation", [
            ("jeton", token), ("password", TestApp.agentPassword), ("confirmation", TestApp.agentPassword), ("code", totp(secret)),
        ])
        #expect(accepted.status == .seeOther && accepted.location == "/agents/dossiers", "\(accepted.status) \(accepted.body.prefix(300))")
        return SignedInAgent(browser: browser, email: email, secret: secret)
    }

    /// Signs an enrolled agent in again, in a new browser (the clock moved past the
    /// last code's time step first).
    func signInAgent(_ agent: SignedInAgent) async throws -> TestBrowser {
        clock.advance(by: 31)
        let browser = browser()
        _ = try await browser.get("/agents/connexion")
        let password = try await browser.post("/agents/connexion", [("email", agent.email), ("password", TestApp.agentPassword)])
        #expect(password.location == "/agents/connexion/code")
        let code = try await browser.post("/agents/connexion/code", [("code", totp(agent.secret))])
        #expect(code.location == "/agents/dossiers")
        return browser
    }
}
