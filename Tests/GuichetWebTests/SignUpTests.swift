import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct SignUpTests {
    static func fields(_ page: Page, _ changes: [String: String] = [:]) -> [(String, String)] {
        var values: [(String, String)] = [
            ("identifier", "Paul.Durand"), ("password", "une longue phrase de passe"), ("email", "paul@exemple.fr"),
            ("civility", "monsieur"), ("lastName", "Durand"), ("firstNames", "Paul Émile"),
            ("captcha_id", page.inputValue("captcha_id") ?? ""), ("captcha", TestApp.captchaCode),
        ]
        for (name, value) in changes {
            if let index = values.firstIndex(where: { $0.0 == name }) { values[index].1 = value } else { values.append((name, value)) }
        }
        return values
    }

    @Test func pageExplainsTheIdentifierRulesAndThePasswordPolicy() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/creer-un-compte")
            #expect(page.status == .ok)
            #expect(page.contains(AccountIdentifier.rulesHint))
            #expect(page.contains(PasswordPolicy.hint))
            #expect(page.contains("L'identifiant ne pourra plus être modifié"))
            for label in ["Identifiant", "Mot de passe", "Adresse électronique", "Civilité", "Nom", "Prénoms", "Recopiez le code de sécurité"] {
                #expect(page.contains(label), "\(label)")
            }
        }
    }

    @Test func createThenActivateThenSignIn() async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get("/creer-un-compte")
            let created = try await browser.post("/creer-un-compte", Self.fields(form))
            #expect(created.location == "/creer-un-compte/courriel-envoye")
            #expect(try await browser.get(created.location!).contains("paul@exemple.fr"))

            let user = try #require(try await Accounts.find(identifier: "paul.durand", on: app.db))
            #expect(user.identifier == "paul.durand")
            #expect(!user.isConfirmed)
            #expect(user.profile.firstNames == "Paul Émile")
            #expect(user.passwordHash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
            #expect(try await browser.signIn("paul.durand", "une longue phrase de passe").status == .forbidden)

            let mail = try #require(try await app.emails(to: "paul@exemple.fr").first)
            #expect(mail.subject == "Activez votre compte Guichet")
            #expect(mail.text.contains("dans les 24 heures"))
            let link = try TestApp.link(in: mail)
            #expect(link.hasPrefix("/creer-un-compte/activer?jeton="))
            #expect(try await browser.get(link).location == "/connexion?compte=active")
            #expect(try await browser.signIn("PAUL.DURAND", "une longue phrase de passe").status == .seeOther)

            // The link works once.
            let again = try await app.browser().get(link)
            #expect(again.status == .gone)
            #expect(again.heading == "Ce lien n'est plus valable")
            #expect(try await app.events(of: user).contains(.emailConfirmed))
        }
    }

    @Test func activationLinkExpiresAfter24Hours() async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get("/creer-un-compte")
            _ = try await browser.post("/creer-un-compte", Self.fields(form))
            let link = try TestApp.link(in: try #require(try await app.emails().first))
            app.clock.advance(by: 24 * 3600)
            #expect(try await browser.get(link).status == .gone)
            #expect(try await Accounts.find(identifier: "paul.durand", on: app.db)?.isConfirmed == false)
        }
    }

    @Test func identifierIsUniqueIgnoringCase() async throws {
        try await withApp { app in
            try await app.createAccount("paul.durand")
            let browser = app.browser()
            let form = try await browser.get("/creer-un-compte")
            let page = try await browser.post("/creer-un-compte", Self.fields(form, ["identifier": "PAUL.Durand"]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.fieldError("identifier") == "Cet identifiant est déjà utilisé : choisissez-en un autre.")
            #expect(try await UserRecord.query(on: app.db).count() == 1)
        }
    }

    @Test(arguments: [
        ("password", "trop court", "Votre mot de passe doit compter au moins 12 caractères : il en compte 10."),
        ("password", "mon paul.durand à moi", "Votre mot de passe ne doit pas contenir votre identifiant."),
        ("password", "paul@exemple.fr", "Votre mot de passe ne doit pas être votre adresse électronique ni votre nom."),
        ("identifier", "pa", "Votre identifiant doit compter de 3 à 64 caractères : il en compte 2."),
        ("identifier", "paul durand", "Votre identifiant ne peut contenir que des lettres sans accent, des chiffres, des points, des tirets et des tirets bas."),
        ("email", "paul", "Saisissez une adresse électronique valide, par exemple nom@exemple.com."),
        ("civility", "", "Indiquez votre civilité."),
        ("lastName", "", "Saisissez votre nom."),
        ("firstNames", "<b>Paul</b>", "Vos prénoms ne peut contenir que des lettres, des espaces, des tirets et des apostrophes."),
        ("captcha", "FAUX00", "Le code de sécurité ne correspond pas. Recopiez le nouveau code affiché."),
    ])
    func eachRuleIsExplainedAndNothingIsStored(field: String, value: String, message: String) async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get("/creer-un-compte")
            let page = try await browser.post("/creer-un-compte", Self.fields(form, [field: value]))
            #expect(page.status == .unprocessableEntity)
            #expect(page.fieldError(field) == message)
            #expect(!page.body.contains("une longue phrase de passe"), "the password is never sent back")
            if field != "email" { #expect(page.inputValue("email") == "paul@exemple.fr") }
            if field != "lastName" { #expect(page.inputValue("lastName") == "Durand") }
            #expect(try await UserRecord.query(on: app.db).count() == 0)
            #expect(try await app.emails().isEmpty)
        }
    }
}
