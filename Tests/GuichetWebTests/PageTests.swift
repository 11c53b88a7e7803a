import Foundation
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct PageTests {
    @Test func homePageIsFrenchWithNavigationAndFooter() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/")
            #expect(page.status == .ok)
            #expect(page.body.hasPrefix("<!DOCTYPE html><html lang=\"fr\">"))
            #expect(page.heading == "Vos démarches administratives en ligne")
            #expect(page.title == "Vos démarches administratives en ligne – Guichet")
            #expect(page.contains(#"<a href="/" aria-current="page">Accueil</a>"#))
            #expect(page.contains(#"<a href="/aide">Aide</a>"#))
            #expect(page.contains(#"<a href="/connexion">Se connecter</a>"#))
            for link in ["Accessibilité", "Mentions légales", "Données personnelles"] { #expect(page.contains(">\(link)</a>")) }
            #expect(page.contains(##"<a class="skip-link" href="#contenu">Aller au contenu</a>"##))
            #expect(page.contains(#"<main id="contenu""#))
            #expect(page.headers.contentType?.description == "text/html; charset=utf-8")
        }
    }

    @Test func everyInformationPageRenders() async throws {
        try await withApp { app in
            let browser = app.browser()
            let pages: [(String, String)] = [
                ("/aide", "Aide"), ("/accessibilite", "Accessibilité"), ("/mentions-legales", "Mentions légales"),
                ("/donnees-personnelles", "Données personnelles"), ("/aide/poser-une-question", "Poser votre question"),
            ] + HelpContent.topics.map { ("/aide/\($0.slug)", $0.title) }
            for (path, heading) in pages {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.heading == heading, "\(path)")
            }
        }
    }

    @Test func helpAnswersTheSeedQuestions() async throws {
        try await withApp { app in
            let browser = app.browser()
            let procedures = try await browser.get("/aide/demarches")
            #expect(procedures.contains("Les démarches en ligne sont-elles payantes ?"))
            #expect(procedures.contains("15 jours"))
            #expect(procedures.contains(#"<h2 id="reprendre">"#))
            let tracking = try await browser.get("/aide/suivi")
            #expect(tracking.contains("A-1") && tracking.contains("A-2"))
            let scams = try await browser.get("/aide/arnaques")
            #expect(scams.contains("https://signal.conso.gouv.fr/"))
            let browsers = try await browser.get("/aide/navigateurs")
            #expect(browsers.contains("Faut-il vider le cache de mon navigateur ?"))
            let account = try await browser.get("/aide/compte")
            #expect(account.contains("2 heures") && account.contains("Numéro de téléphone modifié"))
            #expect(account.contains(#"<nav class="breadcrumb" aria-label="Vous êtes ici">"#))
        }
    }

    @Test func unknownPageIsAFrenchNotFoundWithAnIncidentReference() async throws {
        try await withApp { app in
            for path in ["/nexiste-pas", "/aide/inconnu", "/static/guichet.000000000000.css"] {
                let page = try await app.browser().get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.heading == "Page introuvable")
                #expect(page.contains("Référence de l'incident"))
                #expect(page.title == "Page introuvable – Guichet")
            }
        }
    }

    @Test func internalErrorShowsAnIncidentAndNoDetails() async throws {
        struct Secret: Error, CustomStringConvertible { var description: String { "SELECT password FROM secret_table" } }
        try await withApp { app in
            app.app.get("panne") { _ -> String in throw Secret() }
            let page = try await app.browser().get("/panne")
            #expect(page.status == .internalServerError)
            #expect(page.heading == "Erreur technique")
            #expect(page.contains("Référence de l'incident"))
            #expect(!page.contains("secret_table"))
            #expect(!page.contains("Secret"))
        }
    }

    @Test func assetsAreServedUnderFingerprintedNamesWithALongCache() async throws {
        try await withApp { app in
            let home = try await app.browser().get("/")
            let stylesheet = try #require(home.firstMatch(#"href="(/static/guichet\.[0-9a-f]{12}\.css)""#, group: 1))
            let script = try #require(home.firstMatch(#"src="(/static/guichet\.[0-9a-f]{12}\.js)""#, group: 1))
            let css = try await app.browser().get(stylesheet)
            #expect(css.status == .ok)
            #expect(css.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            #expect(css.headers.first(name: .contentType) == "text/css; charset=utf-8")
            #expect(css.body.contains(".error-summary"))
            let js = try await app.browser().get(script)
            #expect(js.headers.first(name: .contentType) == "text/javascript; charset=utf-8")
            #expect(js.body.contains("caractères restants") || js.body.contains("caract"))
        }
    }

    @Test func pagesHaveNoInlineScriptOrStyle() async throws {
        try await withApp { app in
            for path in ["/", "/aide", "/aide/poser-une-question", "/aide/compte"] {
                let page = try await app.browser().get(path)
                #expect(!page.body.contains("<script>"), "\(path)")
                #expect(!page.body.contains("<style"), "\(path)")
                #expect(!page.body.contains(" style=\""), "\(path)")
                #expect(!page.body.contains(" onclick="), "\(path)")
            }
        }
    }
}
