import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

/// *Annuaire de l'administration* through the pages (SPEC §8): the search without
/// JavaScript, its paging and messages, a body's page with its hours and whether it is
/// open on the injected clock, and *Où s'informer* on the procedure and dossier pages.
@Suite struct DirectoryPagesTests {
    /// The shipped directory of three departments (Rhône, Paris, Loire) and the sample:
    /// enough for these pages, a fraction of the load of all 35,000 bodies (the search over
    /// all of them is `DirectoryOperationTests`').
    func seeded(_ app: TestApp) async throws {
        let bodies = ReferenceData.defaultDirectory.filter { body in
            body.id.hasPrefix(ReferenceData.directorySamplePrefix) || ["69", "75", "42"].contains(String((body.postalCode ?? "").prefix(2)))
        }
        try await PublicBodies.upsert(bodies, shipped: true, now: app.clock.now(), on: app.db)
    }

    @Test func theSearchFindsRanksAndPagesWithoutScript() async throws {
        try await withApp { app in
            try await seeded(app)
            let browser = app.browser()
            let home = try await browser.get("/")
            #expect(home.contains(#"href="/annuaire""#), "linked from the header")
            let empty = try await browser.get("/annuaire")
            #expect(empty.status == .ok && empty.heading == "Annuaire de l'administration" && empty.contains(#"role="search""#))

            let lyon = try await browser.get("/annuaire?q=mairie+lyon")
            #expect(lyon.status == .ok && lyon.contains("organisme"))
            let first = lyon.firstMatch(#"<li class="procedure-list__item"><h3 class="procedure-list__title"><a href="/annuaire/([^"]+)""#, group: 1)
            #expect(first == "mairie-69123", "the commune typed comes first")
            #expect(lyon.inputValue("q") == "mairie lyon", "the query stays in the box")

            let accents = try await browser.get("/annuaire?q=SAINT-ETIENNE")
            #expect(accents.contains(#"href="/annuaire/mairie-42218""#))

            let all = try await browser.get("/annuaire?q=mairie")
            #expect(all.contains("Page 1 sur") && all.contains(#"rel="next""#) && !all.contains(#"rel="prev""#))
            let second = try await browser.get("/annuaire?q=mairie&page=2")
            #expect(second.contains("Page 2 sur") && second.contains(#"rel="prev""#) && second.contains(#"start="21""#))
            for odd in ["abc", "-3", "99999999999999999999"] {
                let page = try await browser.get("/annuaire?q=mairie&page=\(odd)")
                #expect(page.status == .ok && page.contains("Page "), "page=\(odd)")
            }
        }
    }

    @Test func badQueriesGetAFrenchMessageNeverAnError() async throws {
        try await withApp { app in
            try await seeded(app)
            let browser = app.browser()
            let cases: [(String, String)] = [
                ("", DirectoryQuery.Problem.empty.message),
                (String(repeating: "a", count: 300), DirectoryQuery.Problem.tooLong(length: 300).message),
                ("%3C%3E%21%21", DirectoryQuery.Problem.nothingToSearch.message),
            ]
            for (query, message) in cases {
                let page = try await browser.get("/annuaire?q=\(query)")
                #expect(page.status == .ok && page.contains(message.replacingOccurrences(of: "'", with: "&#39;")), "\(query.prefix(12))")
                #expect(!page.body.contains("<script>"))
            }
            let markup = try await browser.get("/annuaire?q=%3Cscript%3Ealert(1)%3C/script%3E")
            #expect(markup.status == .ok, "\(markup.status)")
            #expect(!markup.body.contains("<script>alert") && markup.body.contains("&lt;script&gt;alert(1)"), "escaped, never run")
            #expect(markup.contains("Aucun organisme ne correspond"))
            let unknown = try await browser.get("/annuaire?q=mairie+99999")
            #expect(unknown.status == .ok && unknown.contains("99999") && unknown.contains("Aucun organisme ne correspond"))
            let typo = try await browser.get("/annuaire?q=prefecure+lyon")
            #expect(typo.contains(#"href="/annuaire/exemple-prefecture-69""#), "one typo is forgiven")
        }
    }

    @Test func aBodysPageShowsItsContactsHoursAndWhetherItIsOpen() async throws {
        try await withApp { app in
            try await seeded(app)
            let browser = app.browser()
            // The test clock: Friday 15 January 2027, 9 h in Paris.
            let caf = try await browser.get("/annuaire/exemple-caf-69")
            #expect(caf.status == .ok && caf.heading?.contains("Caisse d'allocations familiales") == true)
            #expect(caf.contains("<caption class=\"sr-only\">Horaires d'ouverture de la semaine</caption>"))
            #expect(caf.contains("<td>Lundi</td>") && caf.contains("<td>Dimanche</td>"))
            let body = try #require(try await DirectorySearch.body("exemple-caf-69", in: app.operatorContext))
            let status = try #require(body.status(at: app.clock.now()))
            #expect(caf.contains(status.text), "\(status.text), computed on the injected clock")
            app.clock.advance(by: 14 * 3600)
            let late = try await browser.get("/annuaire/exemple-caf-69")
            #expect(late.contains(try #require(body.status(at: app.clock.now())).text))
            #expect(try await browser.get("/annuaire/inconnu").status == .notFound)
            #expect(try await browser.get("/annuaire/" + String(repeating: "x", count: 500)).status == .notFound)
        }
    }

    @Test func whereToAskShowsTheTownHallOfTheCitizensCommune() async throws {
        try await withApp { app in
            try await seeded(app)
            let anonymous = try await app.browser().get("/services-en-ligne-et-formulaires/inscription-listes-electorales")
            #expect(!anonymous.contains("Où s'informer"), "no commune known without an account")
            let browser = try await DossierFillingTests().signedIn(app)
            let page = try await browser.get("/services-en-ligne-et-formulaires/inscription-listes-electorales")
            #expect(page.contains("Où s'informer") && page.contains(#"href="/annuaire/mairie-75056""#))
            let caf = try await browser.get("/services-en-ligne-et-formulaires/changement-situation-caf")
            #expect(caf.contains(#"href="/annuaire/exemple-caf-75""#), "the CAF of the commune's department")
        }
    }

    @Test func whereToAskFollowsTheDossierToItsTownHall() async throws {
        try await withApp { app in
            try await seeded(app)
            let browser = app.browser()
            try await browser.start("demande-acte-naissance")
            try await browser.fill(Sample.birth)
            let (sent, _) = try await browser.submit()
            let confirmation = try await browser.get(try #require(sent.location))
            #expect(confirmation.contains("Où s'informer") && confirmation.contains(#"href="/annuaire/mairie-69123""#),
                    "the town hall the dossier went to")
            let town = try await browser.get("/annuaire/mairie-69123")
            #expect(town.status == .ok && town.heading == "Mairie de Lyon")
        }
    }
}
