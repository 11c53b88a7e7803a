import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct RecoveryTests {
    /// Submits a recovery form and follows the redirect.
    func submit(_ app: TestApp, path: String, _ field: (String, String)) async throws -> (Page, Page) {
        let browser = app.browser()
        let form = try await browser.get(path)
        let answer = try await browser.post(path, [field, ("captcha_id", form.inputValue("captcha_id") ?? ""), ("captcha", TestApp.captchaCode)])
        let next = try await browser.get(try #require(answer.location))
        return (answer, next)
    }

    @Test func forgotIdentifierAnswersTheSameForKnownAndUnknownAddresses() async throws {
        try await withApp { app in
            try await app.createAccount("jeanne.martin", email: "jeanne@exemple.fr")
            try await app.createAccount("jeanne.pro", email: "Jeanne@Exemple.fr")
            try await app.createAccount("jeanne.inactive", email: "jeanne@exemple.fr", confirmed: false)
            let (known, knownPage) = try await submit(app, path: "/identifiant-oublie", ("email", "JEANNE@exemple.fr"))
            let (unknown, unknownPage) = try await submit(app, path: "/identifiant-oublie", ("email", "personne@exemple.fr"))
            #expect(known.status == unknown.status)
            #expect(known.location == unknown.location)
            #expect(knownPage.body == unknownPage.body)
            #expect(knownPage.heading == "Vérifiez vos courriels")
            let mails = try await app.emails()
            #expect(mails.count == 1)
            #expect(mails[0].to.address == "JEANNE@exemple.fr")
            #expect(mails[0].text.contains("– jeanne.martin") && mails[0].text.contains("– jeanne.pro"))
            #expect(!mails[0].text.contains("jeanne.inactive"))
        }
    }

    @Test func forgotPasswordAnswersTheSameForKnownAndUnknownIdentifiers() async throws {
        try await withApp { app in
            try await app.createAccount()
            let (known, knownPage) = try await submit(app, path: "/mot-de-passe-oublie", ("identifier", "Jeanne.Martin"))
            let (unknown, unknownPage) = try await submit(app, path: "/mot-de-passe-oublie", ("identifier", "personne"))
            #expect(known.status == unknown.status && known.location == unknown.location)
            #expect(knownPage.body == unknownPage.body)
            let mail = try #require(try await app.emails().first)
            #expect(mail.subject == "Choisissez un nouveau mot de passe")
            #expect(mail.text.contains("ignorez ce courriel : quelqu'un a pu se tromper en saisissant son propre identifiant"))
            #expect(try await app.emails().count == 1)
        }
    }

    @Test func resetLinkSetsANewPasswordOnceAndEndsEverySession() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let signedIn = app.browser()
            try await signedIn.signIn()
            _ = try await submit(app, path: "/mot-de-passe-oublie", ("identifier", "jeanne.martin"))
            let link = try TestApp.link(in: try #require(try await app.emails().first))
            let browser = app.browser()
            let form = try await browser.get(link)
            #expect(form.heading == "Choisissez un nouveau mot de passe")
            let token = try #require(form.inputValue("jeton"))

            let weak = try await browser.post("/mot-de-passe-oublie/nouveau-mot-de-passe", [("jeton", token), ("password", "court")])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.fieldError("password")?.hasPrefix("Votre mot de passe doit compter au moins 12 caractères") == true)

            let done = try await browser.post("/mot-de-passe-oublie/nouveau-mot-de-passe", [("jeton", token), ("password", "un tout nouveau mot de passe")])
            #expect(done.location == "/connexion?mot-de-passe=modifie")
            #expect(try await signedIn.get("/mon-compte").status == .seeOther, "other sessions ended")
            #expect(try await app.browser().signIn().status == .unprocessableEntity)
            #expect(try await app.browser().signIn("jeanne.martin", "un tout nouveau mot de passe").status == .seeOther)
            let again = try await browser.post("/mot-de-passe-oublie/nouveau-mot-de-passe", [("jeton", token), ("password", "encore un autre mot de passe")])
            #expect(again.status == .gone)
            let notice = try #require(try await app.emails().last)
            #expect(notice.subject == "Modification de la sécurité de votre compte")
            #expect(try await app.events(of: user).contains(.passwordReset))
        }
    }

    @Test func resetLinkExpiresAfterThirtyMinutes() async throws {
        try await withApp { app in
            try await app.createAccount()
            _ = try await submit(app, path: "/mot-de-passe-oublie", ("identifier", "jeanne.martin"))
            let link = try TestApp.link(in: try #require(try await app.emails().first))
            app.clock.advance(by: 29 * 60)
            #expect(try await app.browser().get(link).status == .ok)
            app.clock.advance(by: 60)
            let expired = try await app.browser().get(link)
            #expect(expired.status == .gone)
            #expect(expired.contains("valable 30 minutes"))
        }
    }

    @Test func lockedAccountGetsNoResetLinkButTheSamePage() async throws {
        try await withApp { app in
            try await app.createAccount()
            for _ in 0..<5 { _ = try await app.browser().signIn("jeanne.martin", "mauvais mot de passe") }
            let before = try await app.emails().count
            let (_, page) = try await submit(app, path: "/mot-de-passe-oublie", ("identifier", "jeanne.martin"))
            #expect(page.body == (try await submit(app, path: "/mot-de-passe-oublie", ("identifier", "inconnu"))).1.body)
            let mails = try await app.emails()
            #expect(mails.count == before + 1)
            #expect(mails.last?.subject == "Demande de nouveau mot de passe refusée")
            #expect(mails.last?.text.contains("?jeton=") == false)
        }
    }

    @Test func resetLinkIsRefusedWhileTheAccountIsLocked() async throws {
        try await withApp { app in
            try await app.createAccount()
            _ = try await submit(app, path: "/mot-de-passe-oublie", ("identifier", "jeanne.martin"))
            let link = try TestApp.link(in: try #require(try await app.emails().first))
            for _ in 0..<5 { _ = try await app.browser().signIn("jeanne.martin", "mauvais mot de passe") }
            let browser = app.browser()
            let token = try #require(try await browser.get(link).inputValue("jeton"))
            let refused = try await browser.post("/mot-de-passe-oublie/nouveau-mot-de-passe", [("jeton", token), ("password", "un tout nouveau mot de passe")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.fieldError("password")?.contains("verrouillé") == true)
        }
    }

    @Test func recoveryFormsNeedTheCaptcha() async throws {
        try await withApp { app in
            try await app.createAccount()
            for (path, field) in [("/identifiant-oublie", ("email", "jeanne@exemple.fr")), ("/mot-de-passe-oublie", ("identifier", "jeanne.martin"))] {
                let browser = app.browser()
                let form = try await browser.get(path)
                let page = try await browser.post(path, [field, ("captcha_id", form.inputValue("captcha_id") ?? ""), ("captcha", "FAUX00")])
                #expect(page.status == .unprocessableEntity)
                #expect(page.fieldError("captcha") != nil)
            }
            #expect(try await app.emails().isEmpty)
        }
    }

    @Test func resetEmailsAreLimitedPerAccount() async throws {
        try await withApp { app in
            try await app.createAccount()
            for _ in 0..<6 { _ = try await submit(app, path: "/mot-de-passe-oublie", ("identifier", "jeanne.martin")) }
            #expect(try await app.emails().count == RateLimitRule.resetEmails.limit)
        }
    }
}
