import Fluent
import Foundation
import GuichetCore
import GuichetStore
import GuichetTestSupport
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

/// SPEC §4: a draft saved without an account (link + number + password), its 15 days,
/// the alert 3 days before, and the purge.
@Suite struct DraftResumeTests {
    /// Saves the birth request's first step without an account; returns the browser and
    /// the email with the resume details.
    func savedWithoutAccount(_ app: TestApp) async throws -> (browser: TestBrowser, mail: EmailMessage) {
        let browser = app.browser()
        try await browser.start("demande-acte-naissance")
        let save = try await browser.post("/demarche/etape/1", Sample.birth[0] + [("_action", "enregistrer")])
        #expect(save.location == "/demarche/enregistrer")
        let form = try await browser.get("/demarche/enregistrer")
        #expect(form.heading == "Enregistrer votre démarche")
        let bad = try await browser.post("/demarche/enregistrer", [("courriel", "elodie@"), ("captcha_id", form.inputValue("captcha_id") ?? ""),
                                                                   ("captcha", TestApp.captchaCode)])
        #expect(bad.status == .unprocessableEntity && bad.inputValue("courriel") == "elodie@")
        #expect(bad.fieldError("courriel") == EmailAddress.invalidMessage)
        let saved = try await browser.post("/demarche/enregistrer", [("courriel", "elodie@exemple.fr"),
                                                                     ("captcha_id", bad.inputValue("captcha_id") ?? ""), ("captcha", TestApp.captchaCode)])
        #expect(saved.location == "/demarches/dossier-enregistre")
        let mail = try #require(try await app.emails(to: "elodie@exemple.fr").last)
        return (browser, mail)
    }

    static func credentials(_ mail: EmailMessage) throws -> (link: String, number: String, password: String) {
        let link = try TestApp.link(in: mail)
        let lines = mail.text.split(separator: "\n").map(String.init)
        let number = try #require(lines.first { $0.hasPrefix("Numéro de télédossier : ") }).replacingOccurrences(of: "Numéro de télédossier : ", with: "")
        let password = try #require(lines.first { $0.hasPrefix("Mot de passe : ") }).replacingOccurrences(of: "Mot de passe : ", with: "")
        return (link, number, password)
    }

    @Test func savingWithoutAccountEmailsALinkANumberAndAPasswordStoredHashed() async throws {
        try await withApp { app in
            let (browser, mail) = try await savedWithoutAccount(app)
            let page = try await browser.get("/demarches/dossier-enregistre")
            let (link, number, password) = try Self.credentials(mail)
            #expect(page.contains(number) && page.contains("elodie@exemple.fr"))
            #expect(!page.contains(password), "the password travels by email only")
            #expect(link == "/demarches/reprendre/\(number)")
            #expect(number.count == 10 && password.count == 12)
            let dossier = try await app.onlyDossier()
            #expect(dossier.state == .saved && dossier.resumeNumber == number && dossier.contactEmail == "elodie@exemple.fr")
            let hash = try #require(dossier.resumePasswordHash)
            #expect(hash.hasPrefix("$argon2id$") && !hash.contains(password))
            #expect(try await browser.get("/demarche/etape/1").location == "/services-en-ligne-et-formulaires", "saving leaves the dossier")
        }
    }

    @Test func theLinkAloneIsNotEnoughAndWrongNumberOrPasswordGetTheSameAnswer() async throws {
        try await withApp { app in
            let (_, mail) = try await savedWithoutAccount(app)
            let (link, number, password) = try Self.credentials(mail)
            let visitor = app.browser()
            let form = try await visitor.get(link)
            #expect(form.status == .ok && form.heading == "Reprendre une démarche enregistrée")
            #expect(form.inputValue("numero") == number && form.contains(#"type="password""#))
            #expect(try await visitor.get("/demarche/etape/1").location == "/services-en-ligne-et-formulaires", "the link opens nothing")

            let wrongPassword = try await visitor.post("/demarches/reprendre", [("numero", number), ("motDePasse", "AAAAAAAAAAAA")])
            let wrongNumber = try await visitor.post("/demarches/reprendre", [("numero", "ZZZZZZZZZZ"), ("motDePasse", password)])
            #expect(wrongPassword.status == .unprocessableEntity && wrongNumber.status == .unprocessableEntity)
            #expect(wrongPassword.fieldError("motDePasse") == wrongNumber.fieldError("motDePasse"))
            #expect(wrongPassword.fieldError("motDePasse")?.contains("est incorrect") == true)
            #expect(wrongPassword.inputValue("motDePasse") == nil || wrongPassword.inputValue("motDePasse") == "")
            let empty = try await visitor.post("/demarches/reprendre", [("numero", ""), ("motDePasse", "")])
            #expect(empty.summaryErrors.count == 2)

            let opened = try await visitor.post("/demarches/reprendre", [("numero", number.lowercased()), ("motDePasse", password.lowercased())])
            #expect(opened.location == "/demarche/etape/1")
            let step = try await visitor.get("/demarche/etape/1")
            #expect(step.inputValue("prenoms") == "Élodie")

            // Saving again: a new deadline, an email without the password.
            app.clock.advance(by: 60)
            let resaved = try await visitor.post("/demarche/etape/1", Sample.birth[0] + [("_action", "enregistrer")])
            #expect(resaved.location == "/demarches/dossier-enregistre", "\(resaved.status) \(resaved.location ?? "") \(resaved.summaryErrors)")
            let again = try #require(try await app.emails(to: "elodie@exemple.fr").last)
            #expect(again.text.contains(number) && !again.text.contains(password))
            #expect(try await app.onlyDossier().savedAt == app.clock.now())
        }
    }

    @Test func resumeAttemptsAreLimited() async throws {
        try await withApp { app in
            let (_, mail) = try await savedWithoutAccount(app)
            let (_, number, _) = try Self.credentials(mail)
            let visitor = app.browser()
            _ = try await visitor.get("/demarches/reprendre")
            var last: Page?
            for _ in 0..<11 { last = try await visitor.post("/demarches/reprendre", [("numero", number), ("motDePasse", "AAAAAAAAAAAA")]) }
            #expect(last?.status == .tooManyRequests)
        }
    }

    @Test func anExpiredDraftIsRefusedWithAnExplanation() async throws {
        try await withApp { app in
            let (_, mail) = try await savedWithoutAccount(app)
            let (link, number, password) = try Self.credentials(mail)
            app.clock.advance(by: 15 * 24 * 3600)
            let visitor = app.browser()
            let page = try await visitor.get(link)
            #expect(page.status == .gone && page.heading == "Cette démarche enregistrée a expiré")
            #expect(page.contains("15 jours") && page.contains("recommencez"))
            let post = try await visitor.post("/demarches/reprendre", [("numero", number), ("motDePasse", password)])
            #expect(post.status == .gone)
        }
    }

    @Test func theAlertGoesOutTwelveDaysAfterTheSaveAndThePurgeAtFifteen() async throws {
        try await withApp { app in
            let (_, mail) = try await savedWithoutAccount(app)
            let (link, _, _) = try Self.credentials(mail)
            // An account's draft with an attachment, too.
            try await app.createAccount("jeanne.martin", email: "jeanne@exemple.fr")
            let browser = app.browser()
            try await browser.signIn()
            try await browser.start("changement-situation-caf")
            _ = try await browser.fill(Array(Sample.caf.prefix(2)))
            let pdf = try Data(contentsOf: try await Corpus.shared.value.url("pdf-1.pdf"))
            let saved = try await browser.postMultipart("/demarche/etape/3", fields: [("_action", "enregistrer")],
                                                        files: [("justificatif", "acte.pdf", pdf)])
            #expect(saved.location == "/demarches/dossier-enregistre")
            #expect(try await DossierAttachmentRecord.query(on: app.db).count() == 1)
            let before = try await app.emails().count

            app.clock.advance(by: 12 * 24 * 3600 - 60)
            _ = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            #expect(try await app.emails().count == before, "not yet")

            app.clock.advance(by: 60)
            _ = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            let alerts = try await app.emails().dropFirst(before)
            #expect(alerts.count == 2)
            #expect(alerts.allSatisfy { $0.subject == "Votre dossier enregistré expire bientôt" })
            #expect(alerts.contains { $0.to.address == "elodie@exemple.fr" && $0.text.contains(link) })
            #expect(alerts.contains { $0.to.address == "jeanne@exemple.fr" && $0.text.contains("/mon-compte/mon-activite") })
            _ = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            #expect(try await app.emails().count == before + 2, "one alert per draft")

            app.clock.advance(by: 3 * 24 * 3600 - 1)
            _ = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            #expect(try await app.dossiers().count == 2, "still there one second before the 15 days")
            app.clock.advance(by: 1)
            _ = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            #expect(try await app.dossiers().isEmpty)
            #expect(try await DossierAttachmentRecord.query(on: app.db).count() == 0)
            let blobs = FileManager.default.enumerator(atPath: app.config.blobDirectory.path)?.allObjects.compactMap { $0 as? String } ?? []
            #expect(blobs.filter { $0.hasSuffix(".bin") || $0.count > 30 }.isEmpty, "the attachment's file is gone: \(blobs)")
            let later = app.browser()
            try await later.signIn()
            #expect(try await later.get("/mon-compte/mon-activite").contains("Aucune démarche enregistrée"))
        }
    }

    @Test func anAccountWithTheAlertTurnedOffGetsNoExpiryEmail() async throws {
        try await withApp { app in
            let user = try await app.createAccount("jeanne.martin", email: "jeanne@exemple.fr")
            user.alertDraftExpiry = false
            try await user.save(on: app.db)
            let browser = app.browser()
            try await browser.signIn()
            try await browser.start("changement-situation-caf")
            _ = try await browser.post("/demarche/etape/1", Sample.caf[0] + [("_action", "enregistrer")])
            let before = try await app.emails().count
            app.clock.advance(by: 13 * 24 * 3600)
            _ = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            #expect(try await app.emails().count == before)
        }
    }

    @Test func aResumeLinkOfATransmittedDossierSaysSo() async throws {
        try await withApp { app in
            let (_, mail) = try await savedWithoutAccount(app)
            let (link, number, password) = try Self.credentials(mail)
            let visitor = app.browser()
            _ = try await visitor.get(link)
            _ = try await visitor.post("/demarches/reprendre", [("numero", number), ("motDePasse", password)])
            _ = try await visitor.fill(Array(Sample.birth.dropFirst()), from: 2)
            #expect(try await visitor.submit().page.status == .seeOther)
            let page = try await app.browser().get(link)
            #expect(page.status == .gone && page.heading == "Cette démarche a déjà été transmise")
        }
    }
}
