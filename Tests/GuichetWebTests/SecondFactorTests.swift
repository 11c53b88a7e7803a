import Foundation
import GuichetCore
import GuichetStore
import SQLKit
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct SecondFactorTests {
    /// Signs in, enrols the SMS factor, returns the unlock code shown once.
    func enrolSMS(_ app: TestApp, _ browser: TestBrowser, phone: String = "06 12 34 56 78") async throws -> String {
        try await browser.signIn()
        let sent = try await browser.post("/mon-compte/mes-options/code-sms", [("phone", phone), ("password", TestApp.password)])
        #expect(sent.location == "/mon-compte/mes-options/code-sms/confirmer")
        let confirm = try await browser.get(sent.location!)
        #expect(confirm.contains("•• •• •• •• 78"))
        let sms = try #require(try await app.smsMessages().last)
        #expect(sms.to == "+33612345678")
        #expect(sms.text.hasPrefix("Guichet : votre code de confirmation est "))
        let enabled = try await browser.post("/mon-compte/mes-options/code-sms/confirmer", [("code", try await app.lastSMSCode())])
        #expect(enabled.location == "/mon-compte/mes-options/code-de-deblocage")
        let shown = try await browser.get(enabled.location!)
        #expect(shown.heading == "Notez votre code de déblocage")
        let code = try #require(shown.firstMatch(#"<strong id="code-de-deblocage">([A-Z0-9-]{19})</strong>"#, group: 1))
        // Shown once only.
        #expect(try await browser.get("/mon-compte/mes-options/code-de-deblocage").location == "/mon-compte/mes-options")
        return code
    }

    @Test func smsFactorIsEnrolledThenAskedAtSignIn() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            let unlock = try await enrolSMS(app, browser)
            let stored = try await app.reload(user)
            #expect(stored.secondFactorKind == .sms)
            #expect(stored.unlockCodeHash != nil && stored.unlockCodeHash != unlock, "stored hashed")
            #expect(try await app.events(of: user).contains(.secondFactorEnabled))
            #expect(try await app.emails().last?.text.contains("code par SMS") == true)

            _ = try await browser.post("/deconnexion", [])
            let first = try await browser.signIn()
            #expect(first.location == "/connexion/code")
            #expect(try await browser.get("/mon-compte").status == .seeOther, "not signed in before the code")
            let codePage = try await browser.get("/connexion/code")
            #expect(codePage.heading == "Code reçu par SMS")
            #expect(codePage.contains("•• •• •• •• 78"))
            let sms = try #require(try await app.smsMessages().last)
            #expect(sms.text.hasPrefix("Guichet : votre code de connexion est "))
            let done = try await browser.post("/connexion/code", [("code", try await app.lastSMSCode())])
            #expect(done.location == "/mon-compte")
            #expect(try await browser.get("/mon-compte").status == .ok)
        }
    }

    @Test func codeAllowsThreeTriesThenANewOne() async throws {
        try await withApp { app in
            try await app.createAccount()
            let browser = app.browser()
            _ = try await enrolSMS(app, browser)
            _ = try await browser.post("/deconnexion", [])
            _ = try await browser.signIn()
            let right = try await app.lastSMSCode()
            let wrong = right == "000000" ? "111111" : "000000"
            #expect(try await browser.post("/connexion/code", [("code", wrong)]).fieldError("code") == "Le code est incorrect. Il vous reste 2 essais.")
            #expect(try await browser.post("/connexion/code", [("code", wrong)]).fieldError("code") == "Le code est incorrect. Il vous reste 1 essai.")
            #expect(try await browser.post("/connexion/code", [("code", wrong)]).fieldError("code") == "Le code est incorrect. Vous avez fait trois essais : demandez un nouveau code.")
            #expect(try await browser.post("/connexion/code", [("code", right)]).fieldError("code")?.contains("demandez un nouveau code") == true)
            // A new code, after a minute.
            let tooSoon = try await browser.post("/connexion/code", [("_action", "renvoyer")])
            #expect(tooSoon.fieldError("code")?.hasPrefix("Patientez") == true)
            app.clock.advance(by: 60)
            let resent = try await browser.post("/connexion/code", [("_action", "renvoyer")])
            #expect(resent.contains("Un nouveau code vous a été envoyé."))
            #expect(try await browser.post("/connexion/code", [("code", try await app.lastSMSCode())]).location == "/mon-compte")
        }
    }

    @Test func codeExpiresAfterFiveMinutes() async throws {
        try await withApp { app in
            try await app.createAccount()
            let browser = app.browser()
            _ = try await enrolSMS(app, browser)
            _ = try await browser.post("/deconnexion", [])
            _ = try await browser.signIn()
            app.clock.advance(by: 5 * 60)
            let page = try await browser.post("/connexion/code", [("code", try await app.lastSMSCode())])
            #expect(page.status == .unprocessableEntity)
            #expect(page.fieldError("code")?.contains("expiré") == true)
        }
    }

    /// A right password does not reset the count while the code is awaited: otherwise
    /// whoever holds the password could try codes without end.
    @Test func wrongCodesCountTowardsTheLockout() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            _ = try await enrolSMS(app, browser)
            _ = try await browser.post("/deconnexion", [])
            for round in 0..<2 {
                _ = try await browser.signIn()
                for _ in 0..<(round == 0 ? 3 : 2) { _ = try await browser.post("/connexion/code", [("code", "999999")]) }
            }
            #expect(try await app.reload(user).lockedUntil != nil)
        }
    }

    @Test func phoneChangedRemovesTheFactorWithTheUnlockCode() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            let unlock = try await enrolSMS(app, browser)
            _ = try await browser.post("/deconnexion", [])

            let anonymous = app.browser()
            _ = try await anonymous.get("/numero-de-telephone-modifie")
            let wrongCode = try await anonymous.post("/numero-de-telephone-modifie",
                                                     [("identifier", "jeanne.martin"), ("password", TestApp.password), ("unlockCode", "AAAA-BBBB-CCCC-DDDD")])
            #expect(wrongCode.status == .unprocessableEntity)
            #expect(wrongCode.fieldError("unlockCode") == "Ce code de déblocage ne correspond pas à votre compte.")
            let wrongPassword = try await anonymous.post("/numero-de-telephone-modifie",
                                                         [("identifier", "jeanne.martin"), ("password", "mauvais mot de passe"), ("unlockCode", unlock)])
            #expect(wrongPassword.summaryErrors == ["Identifiant ou mot de passe incorrect."])
            #expect(try await app.reload(user).secondFactorKind == .sms)

            let done = try await anonymous.post("/numero-de-telephone-modifie",
                                                [("identifier", "Jeanne.Martin"), ("password", TestApp.password), ("unlockCode", unlock.lowercased())])
            #expect(done.location == "/connexion?code=retire")
            #expect(try await app.reload(user).secondFactorKind == nil)
            #expect(try await app.emails().last?.text.contains("code de déblocage") == true)
            #expect(try await app.browser().signIn().location == "/mon-compte", "password alone again")
            #expect(try await app.events(of: user).contains(.unlockCodeUsed))
        }
    }

    @Test func authenticatorApplicationIsEnrolledThenAskedAndCodesAreNotReplayed() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            let page = try await browser.get("/mon-compte/mes-options/application")
            let grouped = try #require(page.firstMatch(#"<strong class="secret">([A-Z2-7 ]+)</strong>"#, group: 1))
            let secret = try #require(Base32.decode(grouped))
            #expect(secret.count == 20)
            #expect(page.contains("otpauth://totp/Guichet:jeanne.martin?secret="))
            let sessions = try await app.db.sql.raw("SELECT data FROM browser_sessions").all()
                .map { try $0.decode(column: "data", as: String.self) }
            #expect(!sessions.isEmpty && !sessions.contains { $0.contains(grouped.replacingOccurrences(of: " ", with: "")) },
                    "the key being enrolled is sealed in the session row too")
            let bad = try await browser.post("/mon-compte/mes-options/application", [("code", "000000"), ("password", TestApp.password)])
            #expect(bad.status == .unprocessableEntity || TOTP.code(secret: secret, step: TOTP.timeStep(at: app.clock.now())) == "000000")
            let code = TOTP.code(secret: secret, step: TOTP.timeStep(at: app.clock.now()))
            let enabled = try await browser.post("/mon-compte/mes-options/application", [("code", code), ("password", TestApp.password)])
            #expect(enabled.location == "/mon-compte/mes-options/code-de-deblocage")
            #expect(try await app.reload(user).secondFactorKind == .totp)
            let stored = try #require(try await app.reload(user).totpSecret)
            #expect(stored.hasPrefix("v1:") && !stored.contains(grouped.replacingOccurrences(of: " ", with: "")),
                    "the key is stored sealed, not as typed into the application")

            _ = try await browser.post("/deconnexion", [])
            #expect(try await browser.signIn().location == "/connexion/code")
            #expect(try await browser.get("/connexion/code").heading == "Code de votre application")
            let replay = try await browser.post("/connexion/code", [("code", code)])
            #expect(replay.fieldError("code")?.contains("déjà servi") == true, "the enrolment code cannot sign in")
            app.clock.advance(by: 30)
            let next = TOTP.code(secret: secret, step: TOTP.timeStep(at: app.clock.now()))
            #expect(try await browser.post("/connexion/code", [("code", next)]).location == "/mon-compte")
            _ = try await browser.post("/deconnexion", [])
            _ = try await browser.signIn()
            #expect(try await browser.post("/connexion/code", [("code", next)]).status == .unprocessableEntity, "same code twice")
        }
    }

    @Test func factorCanBeTurnedOffWithThePassword() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            let unlock = try await enrolSMS(app, browser)
            let refused = try await browser.post("/mon-compte/mes-options/connexion-avec-code/desactiver",
                                                 [("password", "mauvais mot de passe"), ("currentFactor", unlock)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.fieldError("password") == "Le mot de passe actuel est incorrect.")
            let done = try await browser.post("/mon-compte/mes-options/connexion-avec-code/desactiver",
                                              [("password", TestApp.password), ("currentFactor", unlock)])
            #expect(done.location == "/mon-compte/mes-options")
            #expect(try await app.reload(user).secondFactorKind == nil)
        }
    }

    @Test func enrolmentRefusesANumberThatIsNotAMobile() async throws {
        try await withApp { app in
            try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            for phone in ["01 23 45 67 89", "12", ""] {
                let page = try await browser.post("/mon-compte/mes-options/code-sms", [("phone", phone), ("password", TestApp.password)])
                #expect(page.status == .unprocessableEntity)
                #expect(page.fieldError("phone") != nil)
            }
            #expect(try await app.smsMessages().isEmpty)
        }
    }

    @Test func smsAreLimitedPerAccount() async throws {
        try await withApp { app in
            try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            var statuses: [HTTPStatus] = []
            for _ in 0..<(RateLimitRule.smsCodes.limit + 1) {
                statuses.append(try await browser.post("/mon-compte/mes-options/code-sms", [("phone", "0612345678"), ("password", TestApp.password)]).status)
            }
            #expect(statuses.last == .tooManyRequests)
            #expect(try await app.smsMessages().count == RateLimitRule.smsCodes.limit)
        }
    }
}
