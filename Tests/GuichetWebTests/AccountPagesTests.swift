import Fluent
import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct ProfileTests {
    @Test func profileIsShownAndSaved() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            let page = try await browser.get("/mon-compte/mes-coordonnees")
            #expect(page.heading == "Mes coordonnées")
            #expect(page.contains("L'identifiant ne peut pas être modifié. Pour en utiliser un autre, créez un nouveau compte."))
            #expect(page.contains(#"<a href="/mon-compte/mes-options/adresse-electronique">Modifier"#))
            #expect(page.inputValue("lastName") == "Martin")
            let saved = try await browser.post("/mon-compte/mes-coordonnees", [
                ("civility", "madame"), ("lastName", "Martin"), ("firstNames", "Jeanne Marie"), ("birthDate", "14/07/1985"),
                ("birthPlace", "Lyon"), ("addressLine1", "12 rue de la Paix"), ("addressLine2", ""), ("postalCode", "75002"),
                ("city", "Paris"), ("mobilePhone", "06 12 34 56 78"), ("landlinePhone", ""), ("adresse.refus", "oui"),
                ("adresse.proposition", "12 RUE DE LA PAIX\n75002 PARIS"),
            ])
            #expect(saved.location == "/mon-compte/mes-coordonnees")
            let shown = try await browser.get("/mon-compte/mes-coordonnees")
            #expect(shown.contains("Vos coordonnées sont enregistrées."))
            #expect(shown.inputValue("birthDate") == "14/07/1985")
            #expect(shown.inputValue("mobilePhone") == "06 12 34 56 78")
            let profile = try await app.reload(user).profile
            #expect(profile.firstNames == "Jeanne Marie" && profile.city == "Paris" && profile.postalCode == "75002")
            #expect(profile.birthDate == CalendarDate(year: 1985, month: 7, day: 14))
        }
    }

    /// SPEC §5: a new address in *Mes coordonnées* gets La Poste's proposal, as in the
    /// declaration; *Valider* stores it, the box keeps the input, nothing is saved before.
    @Test func aNewAddressIsProposedInLaPosteFormBeforeItIsSaved() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            let form: [(String, String)] = [("civility", "madame"), ("lastName", "Martin"), ("firstNames", "Jeanne"),
                                            ("addressLine1", "8 bis avenue du Maréchal Foch"), ("addressLine2", "Appartement 12"),
                                            ("postalCode", "69006"), ("city", "lyon")]
            let review = try await browser.post("/mon-compte/mes-coordonnees", form)
            #expect(review.status == .unprocessableEntity && review.fieldError("addressLine1") == AddressReview.reviewMessage)
            #expect(review.contains("Appartement 12<br>8 bis avenue du Maréchal Foch<br>69006 lyon"))
            #expect(review.contains("Appartement 12<br>8 B AVENUE DU MARECHAL FOCH<br>69006 LYON"))
            #expect(review.contains(#"class="default-action""#), "Enter saves, it does not accept the proposal")
            #expect(try await app.reload(user).profile.addressLine1 == "", "nothing saved before a decision")

            let accepted = try await browser.post("/mon-compte/mes-coordonnees", form + [
                ("adresse.valider", "Appartement 12\r\n8 B AVENUE DU MARECHAL FOCH\r\n69006 LYON"),
            ])
            #expect(accepted.location == "/mon-compte/mes-coordonnees")
            let profile = try await app.reload(user).profile
            #expect(profile.addressLine1 == "8 B AVENUE DU MARECHAL FOCH" && profile.addressLine2 == "Appartement 12")
            #expect(profile.postalCode == "69006" && profile.city == "Lyon")
            // Saved again unchanged: no new proposal.
            let same = try await browser.post("/mon-compte/mes-coordonnees", [
                ("civility", "madame"), ("lastName", "Martin"), ("firstNames", "Jeanne"), ("addressLine1", profile.addressLine1),
                ("addressLine2", profile.addressLine2), ("postalCode", profile.postalCode), ("city", profile.city),
            ])
            #expect(same.location == "/mon-compte/mes-coordonnees")

            let kept = try await browser.post("/mon-compte/mes-coordonnees", [
                ("civility", "madame"), ("lastName", "Martin"), ("firstNames", "Jeanne"), ("addressLine1", "3 chemin des Tamarins"),
                ("postalCode", "97438"), ("city", "sainte marie"), ("adresse.refus", "oui"),
                ("adresse.proposition", "3 CHEMIN DES TAMARINS\n97438 STE MARIE"),
            ])
            #expect(kept.location == "/mon-compte/mes-coordonnees")
            #expect(try await app.reload(user).profile.city == "sainte marie")

            // A misspelt commune gets its official spelling proposed; once accepted, the
            // profile (official commune name) saves again unchanged.
            let misspelt: [(String, String)] = [("civility", "madame"), ("lastName", "Martin"), ("firstNames", "Jeanne"),
                                                ("addressLine1", "3 chemin des Tamarins"), ("postalCode", "97438"), ("city", "Sainte Mari")]
            let spelling = try await browser.post("/mon-compte/mes-coordonnees", misspelt)
            #expect(spelling.status == .unprocessableEntity && spelling.contains("3 CHEMIN DES TAMARINS<br>97438 STE MARIE"))
            let official = try await browser.post("/mon-compte/mes-coordonnees", misspelt + [("adresse.valider", "3 CHEMIN DES TAMARINS\r\n97438 STE MARIE")])
            #expect(official.location == "/mon-compte/mes-coordonnees")
            let stored = try await app.reload(user).profile
            #expect(stored.addressLine1 == "3 CHEMIN DES TAMARINS" && stored.city == "Sainte-Marie")
            let again = try await browser.post("/mon-compte/mes-coordonnees", [
                ("civility", "madame"), ("lastName", "Martin"), ("firstNames", "Jeanne"), ("addressLine1", stored.addressLine1),
                ("postalCode", stored.postalCode), ("city", stored.city), ("mobilePhone", "06 11 22 33 44"),
            ])
            #expect(again.location == "/mon-compte/mes-coordonnees", "the stored address does not block another change")

            let refused = try await browser.post("/mon-compte/mes-coordonnees", [
                ("civility", "madame"), ("lastName", "Martin"), ("firstNames", "Jeanne"), ("addressLine1", "1 rue Haute"),
                ("postalCode", "01000"), ("city", ""),
            ])
            #expect(refused.status == .unprocessableEntity)
        }
    }

    @Test func invalidProfileKeepsTheInputAndStoresNothing() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            let page = try await browser.post("/mon-compte/mes-coordonnees", [
                ("civility", "madame"), ("lastName", "Martin"), ("firstNames", "Jeanne"), ("birthDate", "31/02/1985"),
                ("postalCode", "75002"), ("city", "Marseille"), ("addressLine1", "12 rue de la Paix"),
            ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.fieldError("birthDate")?.contains("JJ/MM/AAAA") == true)
            #expect(page.fieldError("postalCode")?.hasPrefix("Le code postal 75002 ne dessert pas « Marseille » : il dessert Paris") == true,
                    "\(page.summaryErrors)")
            #expect(page.inputValue("addressLine1") == "12 rue de la Paix")
            #expect(try await app.reload(user).profile.addressLine1 == "")
        }
    }
}

@Suite struct OptionsTests {
    @Test func emailChangeIsConfirmedByTheNewAddressAndToldToTheOldOne() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            let refused = try await browser.post("/mon-compte/mes-options/adresse-electronique", [("email", "nouvelle@exemple.fr"), ("password", "mauvais mot de passe")])
            #expect(refused.fieldError("password") == "Le mot de passe actuel est incorrect.")
            #expect(refused.inputValue("email") == "nouvelle@exemple.fr")
            let sent = try await browser.post("/mon-compte/mes-options/adresse-electronique", [("email", "nouvelle@exemple.fr"), ("password", TestApp.password)])
            #expect(sent.location == "/mon-compte/mes-options/adresse-electronique/courriel-envoye")
            #expect(try await browser.get(sent.location!).contains("nouvelle@exemple.fr"))
            #expect(try await app.reload(user).email == "jeanne@exemple.fr", "not changed before confirmation")
            let old = try #require(try await app.emails(to: "jeanne@exemple.fr").last)
            #expect(old.subject == "Demande de changement d'adresse électronique")
            #expect(old.text.contains("no•••@exemple.fr"))
            let confirmation = try #require(try await app.emails(to: "nouvelle@exemple.fr").first)
            let done = try await app.browser().get(try TestApp.link(in: confirmation))
            #expect(done.heading == "Votre adresse électronique a été modifiée")
            #expect(try await app.reload(user).email == "nouvelle@exemple.fr")
            #expect(try await app.emails(to: "jeanne@exemple.fr").last?.subject == "Modification de la sécurité de votre compte")
            #expect(try await app.browser().get(try TestApp.link(in: confirmation)).status == .gone)
        }
    }

    @Test func passwordChangeNeedsTheCurrentOneAndEndsOtherSessions() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let other = app.browser()
            try await other.signIn()
            let browser = app.browser()
            try await browser.signIn()
            let refused = try await browser.post("/mon-compte/mes-options/mot-de-passe", [("currentPassword", "faux mot de passe"), ("password", "un nouveau mot de passe")])
            #expect(refused.fieldError("currentPassword") == "Le mot de passe actuel est incorrect.")
            let weak = try await browser.post("/mon-compte/mes-options/mot-de-passe", [("currentPassword", TestApp.password), ("password", "court")])
            #expect(weak.fieldError("password")?.contains("au moins 12 caractères") == true)
            let done = try await browser.post("/mon-compte/mes-options/mot-de-passe", [("currentPassword", TestApp.password), ("password", "un nouveau mot de passe")])
            #expect(done.location == "/mon-compte/mes-options")
            #expect(try await browser.get("/mon-compte/mes-options").contains("Votre mot de passe a été modifié"))
            #expect(try await other.get("/mon-compte").status == .seeOther, "the other session ended")
            #expect(try await app.browser().signIn("jeanne.martin", "un nouveau mot de passe").status == .seeOther)
            #expect(try await app.emails(to: "jeanne@exemple.fr").last?.text.contains("Le mot de passe de votre compte a été modifié") == true)
            #expect(try await app.events(of: user).contains(.passwordChanged))
        }
    }

    @Test func alertPreferencesAreSaved() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            _ = try await browser.post("/mon-compte/mes-options/alertes", [("alerts", "expiration")])
            var stored = try await app.reload(user)
            #expect(!stored.alertStatusChanges && stored.alertDraftExpiry)
            let page = try await browser.get("/mon-compte/mes-options")
            #expect(page.contains(#"value="expiration" class="choice__input" checked>"#))
            _ = try await browser.post("/mon-compte/mes-options/alertes", [("alerts", "etat"), ("alerts", "expiration")])
            stored = try await app.reload(user)
            #expect(stored.alertStatusChanges && stored.alertDraftExpiry)
        }
    }

    @Test func deletionNeedsThePasswordThenRemovesTheAccount() async throws {
        try await withApp { app in
            let user = try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            let page = try await browser.get("/mon-compte/mes-options/suppression")
            #expect(page.contains("La suppression est définitive"))
            let refused = try await browser.post("/mon-compte/mes-options/suppression", [("password", "mauvais mot de passe")])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await app.reload(user).identifier == "jeanne.martin")
            let done = try await browser.post("/mon-compte/mes-options/suppression", [("password", TestApp.password)])
            #expect(done.location == "/compte-supprime")
            #expect(try await browser.get("/compte-supprime").heading == "Votre compte a été supprimé")
            #expect(try await Accounts.find(try user.requireID(), on: app.db) == nil)
            #expect(try await SecurityEventRecord.query(on: app.db).count() == 0)
            let userID = try user.requireID()
            #expect(try await BrowserSessionRecord.query(on: app.db).filter(\.$userID == userID).count() == 0)
            #expect(try await browser.get("/mon-compte").status == .seeOther)
            #expect(try await app.emails(to: "jeanne@exemple.fr").last?.subject == "Votre compte Guichet a été supprimé")
            // The identifier is free again.
            try await app.createAccount()
        }
    }

    @Test func securityLogShowsTheAccountsOwnEvents() async throws {
        try await withApp({ $0.trustProxyHeaders = true }) { app in
            try await app.createAccount()
            _ = try await app.browser().signIn("jeanne.martin", "mauvais mot de passe")
            let browser = app.browser()
            browser.extraHeaders.add(name: "X-Forwarded-For", value: "203.0.113.77")
            try await browser.signIn()
            let page = try await browser.get("/mon-compte/historique-de-securite")
            #expect(page.contains("Essai de connexion manqué"))
            #expect(page.contains("Connexion"))
            #expect(page.contains("203.0.113.77"))
            #expect(page.contains("15/01/2027"))
        }
    }
}

@Suite struct AccessControlTests {
    static let protectedPages = [
        "/mon-compte", "/mon-compte/mes-coordonnees", "/mon-compte/mes-options", "/mon-compte/historique-de-securite",
        "/mon-compte/mes-options/adresse-electronique", "/mon-compte/mes-options/mot-de-passe", "/mon-compte/mes-options/code-sms",
        "/mon-compte/mes-options/code-sms/confirmer", "/mon-compte/mes-options/application", "/mon-compte/mes-options/suppression",
        "/mon-compte/mes-options/code-de-deblocage", "/mon-compte/mes-documents", "/mon-compte/mes-documents/ajouter",
    ]

    @Test func everyAccountPageNeedsASignedInSession() async throws {
        try await withApp { app in
            for path in Self.protectedPages {
                let page = try await app.browser().get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location == "/connexion?retour=\(path)", "\(path)")
            }
            let browser = app.browser()
            _ = try await browser.get("/connexion")
            for path in ["/mon-compte/mes-coordonnees", "/mon-compte/mes-options/suppression", "/mon-compte/mes-options/mot-de-passe"] {
                #expect(try await browser.post(path, [("password", TestApp.password)]).status == .seeOther)
            }
        }
    }

    @Test func twoAccountsNeverSeeOrChangeEachOther() async throws {
        try await withApp { app in
            let jeanne = try await app.createAccount("jeanne.martin", email: "jeanne@exemple.fr")
            let paul = try await app.createAccount("paul.durand", email: "paul@exemple.fr")
            let jeanneBrowser = app.browser(), paulBrowser = app.browser()
            try await jeanneBrowser.signIn("jeanne.martin")
            try await paulBrowser.signIn("paul.durand")
            _ = try await paulBrowser.post("/mon-compte/mes-coordonnees", [("civility", "monsieur"), ("lastName", "Durand"), ("firstNames", "Paul")])
            let jeannePage = try await jeanneBrowser.get("/mon-compte/mes-coordonnees")
            #expect(jeannePage.inputValue("lastName") == "Martin")
            #expect(!jeannePage.contains("paul@exemple.fr"))
            #expect(try await app.reload(jeanne).lastName == "Martin")
            #expect(try await app.reload(paul).lastName == "Durand")
            let paulLog = try await paulBrowser.get("/mon-compte/historique-de-securite")
            #expect(paulLog.contains("Coordonnées modifiées"))
            let jeanneLog = try await jeanneBrowser.get("/mon-compte/historique-de-securite")
            #expect(!jeanneLog.contains("Coordonnées modifiées"))
            // Paul's deletion form with Jeanne's password does nothing.
            #expect(try await paulBrowser.post("/mon-compte/mes-options/suppression", [("password", TestApp.password)]).location == "/compte-supprime")
            #expect(try await Accounts.find(try jeanne.requireID(), on: app.db) != nil)
            #expect(try await jeanneBrowser.get("/mon-compte").status == .ok)
        }
    }
}
