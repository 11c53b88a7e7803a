import Fluent
import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetOperations
import Testing
import Vapor

/// The organisations' space: invitations, sign-in with the required authenticator,
/// lockout, sessions kept apart from the citizens' (SPEC §6).
@Suite struct AgentAccessTests {
    @Test func anInvitationSetsThePasswordAndTheAuthenticatorOnceWithin72Hours() async throws {
        try await withApp { app in
            let token = try await app.invite("mairie-69123", "agent@mairie-lyon.fr", role: .instructeur)
            let mail = try #require(try await app.emails(to: "agent@mairie-lyon.fr").last)
            #expect(mail.subject == "Votre accès à l'espace des organismes de Guichet")
            #expect(mail.text.contains("/agents/invitation?jeton=\(token)") && mail.text.contains("Instructeur"))

            let browser = app.browser()
            let page = try await browser.get("/agents/invitation?jeton=\(token)")
            #expect(page.status == .ok && page.contains("agent@mairie-lyon.fr") && page.contains("<svg"))
            let shown = try #require(page.firstMatch(#"<code class="secret-key">(.*?)</code>"#, group: 1))
            let secret = try #require(Base32.decode(shown.replacingOccurrences(of: " ", with: "")))
            // Each field says what is wrong; the password never comes back.
            let weak = try await browser.post("/agents/invitation", [("jeton", token), ("password", "court"), ("confirmation", "court"), ("code", "000000")])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.fieldError("password")?.contains("au moins 12 caractères") == true)
            #expect(weak.fieldError("code")?.contains("ne correspond pas") == true || app.totp(secret) == "000000")
            #expect(!weak.body.contains(#"value="court""#))
            let mismatch = try await browser.post("/agents/invitation", [("jeton", token), ("password", TestApp.agentPassword),
                                                                         ("confirmation", TestApp.agentPassword + "x"), ("code", app.totp(secret))])
            #expect(mismatch.fieldError("confirmation") == "Les deux mots de passe ne sont pas identiques.")
            #expect(try await Agents.find(email: "agent@mairie-lyon.fr", on: app.db)?.isActive == false, "nothing stored half-way")

            let accepted = try await browser.post("/agents/invitation", [("jeton", token), ("password", TestApp.agentPassword),
                                                                         ("confirmation", TestApp.agentPassword), ("code", app.totp(secret))])
            #expect(accepted.status == .seeOther && accepted.location == "/agents/dossiers")
            #expect(try await browser.get("/agents/dossiers").status == .ok)
            // Single use.
            let again = try await app.browser().get("/agents/invitation?jeton=\(token)")
            #expect(again.status == .notFound && again.contains("ne fonctionne plus"))
        }
    }

    @Test func anInvitationExpiresAfter72Hours() async throws {
        try await withApp { app in
            let token = try await app.invite("caf", "agent@caf.fr", role: .lecteur)
            app.clock.advance(by: 72 * 3600 + 1)
            let page = try await app.browser().get("/agents/invitation?jeton=\(token)")
            #expect(page.status == .notFound && page.contains("72 heures"))
            #expect(try await app.browser().get("/agents/invitation?jeton=nimportequoi").status == .notFound)
        }
    }

    @Test func theOperatorsCommandsRefuseWhatCannotBe() async throws {
        try await withApp { app in
            let context = app.operatorContext
            await #expect(throws: AgentAccounts.Failure.unknownOrganisation("nulle-part")) {
                try await AgentAccounts.invite(organisationKey: "nulle-part", email: "a@b.fr", name: nil, role: .lecteur, in: context)
            }
            await #expect(throws: AgentAccounts.Failure.invalidEmail) {
                try await AgentAccounts.invite(organisationKey: "caf", email: "pas une adresse", name: nil, role: .lecteur, in: context)
            }
            _ = try await app.invite("caf", "Agent@CAF.fr", role: .lecteur)
            await #expect(throws: AgentAccounts.Failure.emailTaken) {
                try await AgentAccounts.invite(organisationKey: "mairie-69123", email: "agent@caf.fr", name: nil, role: .lecteur, in: context)
            }
            #expect(try await AgentAccounts.list(organisationKey: "caf", in: context).map(\.email) == ["Agent@caf.fr"])
            await #expect(throws: AgentAccounts.Failure.unknownAgent) { try await AgentAccounts.remove(email: "x@y.fr", in: context) }
        }
    }

    @Test func signingInNeedsThePasswordThenAFreshAuthenticatorCode() async throws {
        try await withApp { app in
            let agent = try await app.agent()
            let browser = app.browser()
            _ = try await browser.get("/agents/connexion")
            let empty = try await browser.post("/agents/connexion", [("email", ""), ("password", "")])
            #expect(empty.status == .unprocessableEntity && empty.fieldError("email") == "Saisissez votre adresse électronique.")
            let wrong = try await browser.post("/agents/connexion", [("email", agent.email), ("password", "pas le bon mot de passe")])
            #expect(wrong.status == .unprocessableEntity && wrong.fieldError("email") == "Identifiant ou mot de passe incorrect.")
            #expect(wrong.inputValue("email") == agent.email)
            let unknown = try await browser.post("/agents/connexion", [("email", "personne@exemple.fr"), ("password", TestApp.agentPassword)])
            #expect(unknown.fieldError("email") == "Identifiant ou mot de passe incorrect.")
            let password = try await browser.post("/agents/connexion", [("email", agent.email), ("password", TestApp.agentPassword)])
            #expect(password.location == "/agents/connexion/code")
            #expect(try await browser.get("/agents/dossiers").location?.hasPrefix("/agents/connexion") == true, "the password alone is not enough")
            // The code of the step used at enrolment is spent.
            let replayed = try await browser.post("/agents/connexion/code", [("code", app.totp(agent.secret))])
            #expect(replayed.status == .unprocessableEntity && replayed.fieldError("code")?.contains("ne correspond pas") == true)
            app.clock.advance(by: 30)
            let signedIn = try await browser.post("/agents/connexion/code", [("code", app.totp(agent.secret))])
            #expect(signedIn.location == "/agents/dossiers")
            let inbox = try await browser.get("/agents/dossiers")
            #expect(inbox.status == .ok && inbox.contains("Marie Agent – Mairie de Lyon"))
        }
    }

    @Test func fiveWrongSecretsLockTheAccessAndTellTheAgent() async throws {
        try await withApp { app in
            let agent = try await app.agent()
            let browser = app.browser()
            _ = try await browser.get("/agents/connexion")
            for _ in 0..<5 {
                _ = try await browser.post("/agents/connexion", [("email", agent.email), ("password", "toujours pas le bon")])
            }
            let locked = try await browser.post("/agents/connexion", [("email", agent.email), ("password", TestApp.agentPassword)])
            #expect(locked.fieldError("email")?.contains("verrouillé après 5 essais") == true, "\(locked.fieldError("email") ?? "")")
            #expect(try await app.emails(to: agent.email).last?.subject == "Votre accès à l'espace des organismes est bloqué")
        }
    }

    @Test func aCitizenSessionNeverOpensTheInboxNorTheOtherWayRound() async throws {
        try await withApp { app in
            try await app.createAccount()
            let citizen = app.browser()
            try await citizen.signIn()
            #expect(try await citizen.get("/mon-compte").status == .ok)
            #expect(try await citizen.get("/agents/dossiers").location == "/agents/connexion")

            let agent = try await app.agent()
            #expect(try await agent.browser.get("/mon-compte").location?.hasPrefix("/connexion") == true)
            // The agent's token in the citizens' cookie (and the reverse) finds nothing.
            let agentToken = try #require(agent.browser.cookies["guichet-agent"])
            let citizenToken = try #require(citizen.cookies["guichet-session"])
            let forged = app.browser()
            forged.setCookie("guichet-session", agentToken)
            forged.setCookie("guichet-agent", citizenToken)
            #expect(try await forged.get("/mon-compte").location?.hasPrefix("/connexion") == true)
            #expect(try await forged.get("/agents/dossiers").location?.hasPrefix("/agents/connexion") == true)
        }
    }

    @Test func thirtyIdleMinutesEndTheSessionAndRemovalEndsItAtOnce() async throws {
        try await withApp { app in
            let agent = try await app.agent()
            app.clock.advance(by: 30 * 60 + 1)
            #expect(try await agent.browser.get("/agents/dossiers").location == "/agents/connexion?session=expiree")

            let again = try await app.signInAgent(agent)
            #expect(try await again.get("/agents/dossiers").status == .ok)
            try await AgentAccounts.remove(email: agent.email, in: app.operatorContext)
            #expect(try await again.get("/agents/dossiers").location?.hasPrefix("/agents/connexion") == true)
        }
    }

    @Test func signingOutEndsTheAgentsSessionOnly() async throws {
        try await withApp { app in
            let agent = try await app.agent()
            let out = try await agent.browser.post("/agents/deconnexion", [])
            #expect(out.location == "/agents/connexion?deconnexion=1")
            #expect(try await agent.browser.get("/agents/dossiers").location?.hasPrefix("/agents/connexion") == true)
        }
    }

    @Test func inboxPagesAreNeverCachedAndAgentsKeysCountAsSealed() async throws {
        try await withApp { app in
            let reference = try await app.birthRequestFromTheSite()
            let agent = try await app.agent()
            for path in ["/agents/dossiers", "/agents/dossiers/\(reference)", "/agents/dossiers/\(reference)/accuser-reception"] {
                #expect(try await agent.browser.get(path).headers.first(name: .cacheControl) == "no-store", "\(path)")
            }
            // A lost secret.key must not be replaced silently while agents' keys are sealed with it.
            #expect(try await Accounts.sealedValues(on: app.db) >= 1)
            let before = try await Accounts.sealedValues(on: app.db)
            try await AgentAccounts.remove(email: agent.email, in: app.operatorContext)
            #expect(try await Accounts.sealedValues(on: app.db) == before - 1)
        }
    }

    @Test func invitationsNeverAcceptedAreDeletedThirtyDaysAfterTheyRanOut() async throws {
        try await withApp { app in
            _ = try await app.invite("caf", "oublie@caf.fr", role: .lecteur)
            let enrolled = try await app.agent("caf", email: "agent@caf.fr")
            app.clock.advance(by: 72 * 3600 + 29 * 86400)
            _ = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            #expect(try await Agents.find(email: "oublie@caf.fr", on: app.db) != nil)
            app.clock.advance(by: 2 * 86400)
            _ = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            #expect(try await Agents.find(email: "oublie@caf.fr", on: app.db) == nil)
            #expect(try await Agents.find(email: enrolled.email, on: app.db) != nil, "an enrolled agent stays")
        }
    }

    /// An accepted invitation gives its address's attempt back: a team behind one address
    /// (a town hall's NAT) does not throttle itself, nor the citizens there.
    @Test func acceptedInvitationsDoNotUseUpTheAddressThrottle() async throws {
        try await withApp { app in
            for index in 0..<(LockoutPolicy.addressFailures.limit + 1) {
                _ = try await app.agent("caf", email: "agent\(index)@caf.fr")
                app.clock.advance(by: 30)
            }
            try await app.createAccount()
            let citizen = app.browser()
            #expect(try await citizen.signIn().location == "/mon-compte")
        }
    }
}
