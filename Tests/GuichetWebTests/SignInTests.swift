import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct SignInTests {
    @Test func pageHasTheLabelsAndLinksOfTheSpec() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/connexion")
            #expect(page.status == .ok)
            for text in ["Identifiant", "Mot de passe", "Se connecter", "Créer un compte", "Identifiant oublié ?",
                         "Mot de passe oublié ?", "Numéro de téléphone modifié"] {
                #expect(page.contains(text), "\(text)")
            }
            #expect(page.contains(#"autocomplete="current-password""#))
        }
    }

    @Test func rightPasswordSignsInWithANewSessionAndFormToken() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            _ = try await browser.get("/aide/poser-une-question")
            let csrfBefore = browser.cookies["guichet-csrf"]
            browser.setCookie("guichet-session", "planted-by-an-attacker")
            let page = try await browser.signIn("JEANNE.Martin")
            #expect(page.status == .seeOther)
            #expect(page.location == "/mon-compte")
            #expect(browser.cookies["guichet-session"] != "planted-by-an-attacker")
            #expect(browser.cookies["guichet-csrf"] != csrfBefore, "the form token changes at sign-in")
            let home = try await browser.get("/mon-compte")
            #expect(home.status == .ok)
            #expect(home.contains("Bonjour Jeanne Martin"))
            #expect(home.contains("Déconnexion"))
            #expect(home.headers.first(name: .cacheControl) == "no-store")
            #expect(try await app.events(of: user).contains(.signedIn))
        }
    }

    @Test func wrongPasswordAndUnknownIdentifierGetTheSameAnswer() async throws {
        try await withApp { app in
            try await app.createAccount()
            let wrong = try await app.browser().signIn("jeanne.martin", "pas le bon mot de passe")
            let unknown = try await app.browser().signIn("personne.inconnue", "pas le bon mot de passe")
            #expect(wrong.status == .unprocessableEntity && unknown.status == .unprocessableEntity)
            #expect(wrong.summaryErrors == ["Identifiant ou mot de passe incorrect."])
            #expect(unknown.summaryErrors == wrong.summaryErrors)
            #expect(wrong.inputValue("identifier") == "jeanne.martin")
            #expect(!wrong.body.contains("pas le bon mot de passe"), "the password is never sent back")
        }
    }

    @Test func emptyFieldsAreExplained() async throws {
        try await withApp { app in
            let browser = app.browser()
            _ = try await browser.get("/connexion")
            let page = try await browser.post("/connexion", [("identifier", " "), ("password", "")])
            #expect(page.summaryErrors == ["Saisissez votre identifiant.", "Saisissez votre mot de passe."])
        }
    }

    @Test func fifthFailureLocksTheAccountForTwoHoursAndTellsTheOwner() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            for _ in 0..<4 {
                #expect(try await app.browser().signIn("jeanne.martin", "mauvais mot de passe").summaryErrors == ["Identifiant ou mot de passe incorrect."])
            }
            let fifth = try await app.browser().signIn("jeanne.martin", "mauvais mot de passe")
            #expect(fifth.summaryErrors.first?.hasPrefix("Votre compte est verrouillé après 5 essais de connexion manqués.") == true)
            #expect(fifth.summaryErrors.first?.contains("le 15/01/2027 à 11 h 00") == true)
            let lockMail = try #require(try await app.emails(to: "jeanne@exemple.fr").last)
            #expect(lockMail.subject == "Votre compte Guichet est verrouillé")

            // Refused even with the right password until exactly two hours.
            app.clock.advance(by: 2 * 3600 - 60)
            let stillLocked = try await app.browser().signIn()
            #expect(stillLocked.status == .unprocessableEntity)
            #expect(stillLocked.summaryErrors.first?.contains("verrouillé") == true)
            app.clock.advance(by: 60)
            #expect(try await app.browser().signIn().status == .seeOther)
            #expect(try await app.reload(user).failedSignIns == 0)
            let events = try await app.events(of: user)
            #expect(events.filter { $0 == .signInFailed }.count == 5)
            #expect(events.contains(.locked))
        }
    }

    @Test func successResetsTheFailureCount() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            for _ in 0..<4 { _ = try await app.browser().signIn("jeanne.martin", "mauvais mot de passe") }
            #expect(try await app.browser().signIn().status == .seeOther)
            for _ in 0..<4 { _ = try await app.browser().signIn("jeanne.martin", "mauvais mot de passe") }
            #expect(try await app.reload(user).lockedUntil == nil)
            #expect(try await app.browser().signIn().status == .seeOther)
        }
    }

    /// 50 wrong attempts at once: exactly five failures are counted, then locked.
    @Test func concurrentWrongAttemptsLockAfterExactlyFive() async throws {
        try await withApp({ $0.trustProxyHeaders = true }) { app in
            let user = try await app.createAccount()
            let statuses = try await withThrowingTaskGroup(of: [String].self) { group in
                for attempt in 0..<50 {
                    group.addTask {
                        let browser = app.browser()
                        // Spread over addresses so the per-address throttle stays out of the way.
                        browser.extraHeaders.add(name: "X-Forwarded-For", value: "198.51.100.\(attempt)")
                        return try await browser.signIn("jeanne.martin", "mauvais mot de passe \(attempt)").summaryErrors
                    }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            let reloaded = try await app.reload(user)
            #expect(reloaded.failedSignIns == 5)
            #expect(reloaded.lockedUntil == app.clock.now().addingTimeInterval(2 * 3600))
            #expect(statuses.filter { $0 == ["Identifiant ou mot de passe incorrect."] }.count <= 4)
            #expect(try await app.events(of: user).filter { $0 == .signInFailed }.count == 5)
            #expect(try await app.emails(to: "jeanne@exemple.fr").filter { $0.subject == "Votre compte Guichet est verrouillé" }.count == 1)
        }
    }

    @Test func oneAddressFailingOnManyAccountsIsThrottled() async throws {
        try await withApp({ $0.trustProxyHeaders = true }) { app in
            let browser = app.browser()
            browser.extraHeaders.add(name: "X-Forwarded-For", value: "203.0.113.50")
            for attempt in 0..<LockoutPolicy.addressFailures.limit {
                #expect(try await browser.signIn("compte.\(attempt)", "mot de passe essayé").status == .unprocessableEntity)
            }
            try await app.createAccount()
            let throttled = try await browser.signIn()
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.summaryErrors == [CredentialCheck.throttledMessage])
            // Another address signs in normally.
            let other = app.browser()
            other.extraHeaders.add(name: "X-Forwarded-For", value: "203.0.113.51")
            #expect(try await other.signIn().status == .seeOther)
        }
    }

    @Test func unactivatedAccountCannotSignInButCanGetANewLink() async throws {
        try await withApp { app in
            try await app.createAccount(confirmed: false)
            let browser = app.browser()
            let page = try await browser.signIn()
            #expect(page.status == .forbidden)
            #expect(page.contains("Votre compte n'est pas encore activé"))
            let resent = try await browser.post("/creer-un-compte/renvoyer-le-courriel", [])
            #expect(resent.location == "/connexion?activation=renvoyee")
            let mail = try #require(try await app.emails(to: "jeanne@exemple.fr").last)
            #expect(mail.subject == "Activez votre compte Guichet")
            #expect(try await browser.get(try TestApp.link(in: mail)).location == "/connexion?compte=active")
            #expect(try await browser.signIn().status == .seeOther)
        }
    }

    @Test func resendingActivationNeedsTheRightPasswordFirst() async throws {
        try await withApp { app in
            try await app.createAccount(confirmed: false)
            let browser = app.browser()
            _ = try await browser.get("/connexion")
            let page = try await browser.post("/creer-un-compte/renvoyer-le-courriel", [])
            #expect(page.location == "/connexion")
            #expect(try await app.emails().isEmpty)
        }
    }

    @Test func signInReturnsToTheRequestedPageOfThisSiteOnly() async throws {
        try await withApp { app in
            try await app.createAccount()
            let protected = try await app.browser().get("/mon-compte/mes-options")
            #expect(protected.location == "/connexion?retour=/mon-compte/mes-options")
            let back = try await app.browser().signIn(returnTo: "/mon-compte/mes-options")
            #expect(back.location == "/mon-compte/mes-options")
            for hostile in ["//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"] {
                #expect(try await app.browser().signIn(returnTo: hostile).location == "/mon-compte", "\(hostile)")
            }
        }
    }

    @Test func signOutEndsTheSession() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            let token = try #require(browser.cookies["guichet-session"])
            let out = try await browser.post("/deconnexion", [])
            #expect(out.location == "/connexion?deconnexion=1")
            #expect(try await browser.get("/connexion?deconnexion=1").contains("Vous êtes déconnecté"))
            #expect(try await BrowserSessions.find(tokenHash: TokenHash.sha256(token), on: app.db) == nil)
            // The old cookie no longer opens the account.
            let replay = app.browser()
            replay.setCookie("guichet-session", token)
            #expect(try await replay.get("/mon-compte").status == .seeOther)
            #expect(try await app.events(of: user).contains(.signedOut))
        }
    }

    @Test func idleSessionSendsBackToSignInWithAnExplanation() async throws {
        try await withApp { app in
            try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            app.clock.advance(by: 30 * 60)
            let page = try await browser.get("/mon-compte")
            #expect(page.location == "/connexion?retour=/mon-compte&session=expiree")
            #expect(try await browser.get(page.location!).contains("Votre session a pris fin après 30 minutes sans activité"))
        }
    }

    @Test func passwordsAreHashedWithArgon2idAndRehashedWhenParametersChange() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            #expect(user.passwordHash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
            // A hash made with weaker, older parameters is replaced at the next sign-in.
            var weak = Argon2PasswordHasher.Parameters()
            weak.iterations = 1
            weak.memoryKiB = 8 * 1024
            let old = try Argon2PasswordHasher.encode(PasswordPolicy.normalized(TestApp.password), salt: SecureToken.bytes(16), parameters: weak)
            try await Accounts.setPasswordHash(try user.requireID(), old, now: app.clock.now(), on: app.db)
            #expect(try await app.browser().signIn().status == .seeOther)
            let rehashed = try await app.reload(user).passwordHash
            #expect(rehashed.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
            #expect(try await TestApp.passwords.verify(TestApp.password, against: rehashed))
        }
    }

    @Test func passwordIsComparedInNFC() async throws {
        try await withApp { app in
            try await app.createAccount(password: "mot de passe très sûr")
            #expect(try await app.browser().signIn("jeanne.martin", "mot de passe tre\u{300}s su\u{302}r").status == .seeOther)
        }
    }
}
