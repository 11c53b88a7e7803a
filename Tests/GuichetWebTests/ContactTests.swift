import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct ContactTests {
    static let path = "/aide/poser-une-question"

    /// A complete, valid submission for the page's captcha, with one field changed.
    static func fields(_ page: Page, _ changes: [String: String] = [:]) -> [(String, String)] {
        var values: [(String, String)] = [
            ("subject", "compte"),
            ("message", "Bonjour,\r\nje ne reçois pas le courriel de confirmation."),
            ("email", "jeanne@exemple.fr"),
            ("emailConfirmation", "jeanne@exemple.fr"),
            ("place", "Sainte-Cécile-les-Vignes"),
            ("captcha_id", page.inputValue("captcha_id") ?? ""),
            ("captcha", TestApp.captchaCode.lowercased()),
        ]
        for (name, value) in changes {
            if let index = values.firstIndex(where: { $0.0 == name }) { values[index].1 = value } else { values.append((name, value)) }
        }
        return values
    }

    func expectNothingStored(_ app: TestApp, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await ContactMessages.count(on: app.db) == 0, sourceLocation: sourceLocation)
        #expect(try await OutboxQueue.pendingCount(on: app.db) == 0, sourceLocation: sourceLocation)
    }

    @Test func formShowsTheLabelsOfTheHelpPage() async throws {
        try await withApp { app in
            let page = try await app.browser().get(Self.path)
            #expect(page.status == .ok)
            for label in ["Sujet de votre question", "Votre message", "Votre adresse électronique",
                          "Confirmez votre adresse électronique", "Votre ville ou code postal",
                          "Recopiez le code de sécurité", "Envoyer votre message", "800 caractères restants",
                          "Afficher un nouveau code", "Écouter le code", "Protection des données personnelles",
                          "Ne mentionnez pas de données personnelles", "Par exemple : Sainte-Cécile-les-Vignes ou 95200",
                          "Exemple : nom@exemple.com", "Le code est composé de chiffres et de lettres"] {
                #expect(page.contains(label), "\(label)")
            }
            for subject in ContactSubject.allCases { #expect(page.contains(subject.label)) }
            #expect(page.inputValue("captcha_id")?.isEmpty == false)
        }
    }

    @Test func validMessageIsStoredForwardedAndAcknowledged() async throws {
        try await withApp({ $0.supportEmail = "support@guichet.example.fr" }) { app in
            let browser = app.browser()
            let form = try await browser.get(Self.path)
            let sent = try await browser.post(Self.path, Self.fields(form))
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/aide/poser-une-question/message-envoye")

            let stored = try await ContactMessages.all(on: app.db)
            #expect(stored.count == 1)
            #expect(stored.first?.message == "Bonjour,\nje ne reçois pas le courriel de confirmation.")
            #expect(stored.first?.place == "Sainte-Cécile-les-Vignes")

            let confirmation = try await browser.get(sent.location!)
            #expect(confirmation.heading == "Votre message a été envoyé")
            #expect(confirmation.contains("Un accusé de réception a été envoyé à jeanne@exemple.fr"))
            // The flash is shown once.
            #expect(!(try await browser.get(sent.location!)).contains("jeanne@exemple.fr"))

            #expect(try await app.deliverOutbox().sent == 2)
            let forward = try #require(app.mail.sent.first { $0.to.address == "support@guichet.example.fr" })
            #expect(forward.replyTo?.address == "jeanne@exemple.fr")
            #expect(forward.subject == "Poser votre question : Mon compte et la connexion")
            #expect(forward.text.contains("je ne reçois pas le courriel de confirmation"))
            #expect(forward.text.contains("Sainte-Cécile-les-Vignes"))
            let acknowledgement = try #require(app.mail.sent.first { $0.to.address == "jeanne@exemple.fr" })
            #expect(acknowledgement.subject == "Nous avons bien reçu votre question")
            #expect(acknowledgement.text.contains("Mon compte et la connexion"))
            #expect(!acknowledgement.text.contains("courriel de confirmation."), "the acknowledgement never echoes the message")
            #expect(acknowledgement.html?.contains("<p>Bonjour,</p>") == true)
        }
    }

    /// One rule broken at a time: 422, the message next to the field, the rest kept.
    @Test(arguments: [
        ("message", String(repeating: "a", count: 801), "Votre message doit faire 800 caractères au maximum : il en fait 801."),
        ("message", String(repeating: "0123456789", count: 1000), "Votre message doit faire 800 caractères au maximum : il en fait 10000."),
        ("message", "", "Saisissez votre message."),
        ("emailConfirmation", "jeanne@exemple.com", "Les deux adresses électroniques ne sont pas identiques."),
        ("email", "jeanne-at-exemple.fr", "Saisissez une adresse électronique valide, par exemple nom@exemple.com."),
        ("subject", "", "Choisissez le sujet de votre question."),
        ("subject", "'; DROP TABLE contact_messages; --", "Choisissez le sujet de votre question."),
        ("place", "", "Saisissez votre ville ou votre code postal."),
        ("place", "99999", "Le code postal 99999 n'existe pas. Vérifiez-le ou saisissez le nom de votre ville."),
        ("captcha", "WRONG1", "Le code de sécurité ne correspond pas. Recopiez le nouveau code affiché."),
        ("captcha", "", "Recopiez le code de sécurité."),
        ("captcha_id", "inconnu", "Le code de sécurité a expiré ou a déjà servi. Recopiez le nouveau code affiché."),
    ])
    func brokenRuleIsExplainedNextToItsField(field: String, value: String, message: String) async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get(Self.path)
            let page = try await browser.post(Self.path, Self.fields(form, [field: value]))
            #expect(page.status == .unprocessableEntity)
            let shownField = field == "captcha_id" ? "captcha" : field
            #expect(page.fieldError(shownField) == message)
            #expect(page.summaryErrors == [message])
            #expect(page.title?.hasPrefix("Erreur : ") == true)
            // The other answers are kept.
            if field != "message" { #expect(page.contains("je ne reçois pas le courriel de confirmation.")) }
            if field != "email" { #expect(page.inputValue("email") == "jeanne@exemple.fr") }
            if field != "subject" { #expect(page.contains(#"<option value="compte" selected>"#)) }
            // A new captcha replaces the used one; the typed code is not kept.
            #expect(page.inputValue("captcha_id") != form.inputValue("captcha_id"))
            #expect(page.inputValue("captcha") == "")
            try await expectNothingStored(app)
        }
    }

    @Test func expiredCaptchaIsRefused() async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get(Self.path)
            app.clock.advance(by: 10 * 60)
            let page = try await browser.post(Self.path, Self.fields(form))
            #expect(page.status == .unprocessableEntity)
            #expect(page.fieldError("captcha") == "Le code de sécurité a expiré ou a déjà servi. Recopiez le nouveau code affiché.")
            try await expectNothingStored(app)
        }
    }

    @Test func captchaCannotBeUsedTwice() async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get(Self.path)
            #expect(try await browser.post(Self.path, Self.fields(form)).status == .seeOther)
            let replay = try await browser.post(Self.path, Self.fields(form))
            #expect(replay.status == .unprocessableEntity)
            #expect(replay.fieldError("captcha")?.contains("déjà servi") == true)
            #expect(try await ContactMessages.count(on: app.db) == 1)
        }
    }

    @Test func everyFieldMissingGivesEveryMessage() async throws {
        try await withApp { app in
            let browser = app.browser()
            _ = try await browser.get(Self.path)
            let page = try await browser.post(Self.path, [])
            #expect(page.status == .unprocessableEntity)
            #expect(page.summaryErrors == [
                "Choisissez le sujet de votre question.", "Saisissez votre message.", "Saisissez votre adresse électronique.",
                "Confirmez votre adresse électronique.", "Saisissez votre ville ou votre code postal.", "Recopiez le code de sécurité.",
            ])
            try await expectNothingStored(app)
        }
    }

    @Test func newCodeKeepsTheAnswersAndReplacesTheCaptcha() async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get(Self.path)
            let oldID = try #require(form.inputValue("captcha_id"))
            let page = try await browser.post(Self.path, Self.fields(form, ["_action": "nouveau-code", "message": "Mon brouillon"]))
            #expect(page.status == .ok)
            #expect(page.summaryErrors.isEmpty)
            #expect(page.contains("Mon brouillon"))
            #expect(page.inputValue("captcha_id") != oldID)
            #expect(try await CaptchaStore.code(id: oldID, now: app.clock.now(), on: app.db) == nil)
            try await expectNothingStored(app)
        }
    }

    @Test func markupInAnswersIsShownAsTyped() async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get(Self.path)
            let hostile = #""><script>alert('x')</script>"#
            let page = try await browser.post(Self.path, Self.fields(form, ["message": hostile, "place": hostile]))
            #expect(page.status == .unprocessableEntity)
            #expect(!page.body.contains("<script>alert"))
            #expect(page.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        }
    }

    @Test func oversizedBodyIsRefusedWithAFrenchPage() async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get(Self.path)
            let page = try await browser.post(Self.path, Self.fields(form, ["message": String(repeating: "x", count: 70_000)]))
            #expect(page.status == .payloadTooLarge)
            #expect(page.heading == "Envoi trop volumineux")
            try await expectNothingStored(app)
        }
    }

    @Test func wrongContentTypeIsExplainedOnTheForm() async throws {
        try await withApp { app in
            let browser = app.browser()
            _ = try await browser.get(Self.path)
            let token = try #require(browser.cookies["guichet-csrf"])
            let page = try await browser.send(.POST, Self.path,
                                              headers: ["Content-Type": "application/json", "X-CSRF-Token": token],
                                              body: ByteBuffer(string: #"{"subject":"compte"}"#))
            #expect(page.status == .unprocessableEntity)
            #expect(page.summaryErrors == ["Le formulaire envoyé n'a pas pu être lu. Remplissez-le de nouveau puis envoyez-le."])
            try await expectNothingStored(app)
        }
    }

    @Test func tooManyMessagesFromOneAddressAreRefused() async throws {
        try await withApp({ $0.trustProxyHeaders = true }) { app in
            let browser = app.browser()
            browser.extraHeaders.add(name: "X-Forwarded-For", value: "203.0.113.7")
            for _ in 0..<RateLimitRule.contactMessages.limit {
                let form = try await browser.get(Self.path)
                #expect(try await browser.post(Self.path, Self.fields(form)).status == .seeOther)
            }
            let form = try await browser.get(Self.path)
            let refused = try await browser.post(Self.path, Self.fields(form))
            #expect(refused.status == .tooManyRequests)
            #expect(refused.heading == "Trop de demandes")
            #expect(refused.headers.first(name: "Retry-After") == "3600")
            // Another address is not affected.
            let other = app.browser()
            other.extraHeaders.add(name: "X-Forwarded-For", value: "198.51.100.2")
            let otherForm = try await other.get(Self.path)
            #expect(try await other.post(Self.path, Self.fields(otherForm)).status == .seeOther)
        }
    }

    /// Random bytes as a form body: the answer is always a page, never a server error.
    @Test func randomBodiesNeverCauseAServerError() async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get(Self.path)
            let token = try #require(browser.cookies["guichet-csrf"])
            var generator = SystemRandomNumberGenerator()
            let fragments = ["%", "%zz", "%C3", "%FF%FE", "&", "=", "+", "_csrf=", "subject=compte", "captcha_id=",
                             "message=", "\u{0}", "é", "&&&&", "%00", "email=a@b.fr"]
            for round in 0..<150 {
                var bytes: [UInt8]
                if round % 2 == 0 {
                    bytes = (0..<Int.random(in: 0...400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                } else {
                    bytes = Array((0..<Int.random(in: 1...30, using: &generator))
                        .map { _ in fragments.randomElement(using: &generator)! }.joined().utf8)
                }
                let page = try await browser.send(.POST, Self.path,
                                                  headers: ["Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": token],
                                                  body: ByteBuffer(bytes: bytes))
                #expect(page.status.code < 500, "round \(round): \(bytes)")
                #expect([.unprocessableEntity, .ok, .seeOther].contains(page.status), "round \(round)")
            }
            _ = form
        }
    }
}
