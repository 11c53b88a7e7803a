import Foundation
import GuichetCore
import GuichetTestSupport
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

/// SPEC §3: *Services en ligne et formulaires*, the audience pages, procedure pages,
/// blank forms and *Contacter un organisme partenaire*.
@Suite struct CatalogueTests {
    @Test func theCatalogueListsEveryProcedureAndIsInTheNavigation() async throws {
        try await withApp { app in
            let home = try await app.browser().get("/")
            #expect(home.contains(#"<a href="/services-en-ligne-et-formulaires""#))
            let page = try await app.browser().get("/services-en-ligne-et-formulaires")
            #expect(page.status == .ok && page.heading == "Services en ligne et formulaires")
            #expect(page.contains("\(app.app.guichet.procedures.procedures.count) résultats"))
            #expect(page.contains("Demande d'inscription sur les listes électorales"))
            #expect(page.contains("Déclaration de changement de coordonnées") && !page.contains("Bientôt disponible"))
            #expect(page.contains(#"role="search""#) && page.contains(#"method="get""#))
        }
    }

    @Test func searchIgnoresAccentsAndCaseAndKeepsTheQuery() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/services-en-ligne-et-formulaires?q=LISTES+ELECTORALES")
            #expect(page.contains("1 résultat"))
            #expect(page.contains(#"href="/services-en-ligne-et-formulaires/inscription-listes-electorales""#))
            #expect(page.inputValue("q") == "LISTES ELECTORALES")
            let none = try await app.browser().get("/services-en-ligne-et-formulaires?q=passeport+lunaire")
            #expect(none.contains("Aucun résultat") && none.contains("Essayez d'autres mots"))
        }
    }

    @Test func filtersNarrowTheResultsAndUnknownValuesAreIgnored() async throws {
        try await withApp { app in
            let blank = try await app.browser().get("/services-en-ligne-et-formulaires?nature=formulaire-vierge")
            #expect(blank.contains("2 résultats"))
            #expect(blank.contains(#"<option value="formulaire-vierge" selected>"#))
            #expect(!blank.contains("Demande d'acte de naissance"))
            let family = try await app.browser().get("/services-en-ligne-et-formulaires?theme=famille&public=particulier")
            #expect(family.contains("Signaler un changement de situation familiale à la CAF"))
            #expect(!family.contains("Déclaration de perte"))
            let odd = try await app.browser().get("/services-en-ligne-et-formulaires?nature=%3Cscript%3E&theme=x")
            #expect(odd.status == .ok && !odd.body.contains("<script>"))
        }
    }

    @Test func eachAudienceHasItsPage() async throws {
        try await withApp { app in
            for (path, heading) in [("/particuliers", "Particuliers"), ("/associations", "Associations"), ("/professionnels", "Professionnels")] {
                let page = try await app.browser().get(path)
                #expect(page.status == .ok && page.heading == heading, "\(path)")
            }
            let individuals = try await app.browser().get("/particuliers?q=naissance")
            #expect(individuals.contains("Demande d'acte de naissance"))
            let businesses = try await app.browser().get("/professionnels")
            #expect(!businesses.contains("Demande d'inscription sur les listes électorales"))
        }
    }

    @Test func aProcedurePageSaysWhoProcessesItAndWhetherAnAccountIsNeeded() async throws {
        try await withApp { app in
            let electoral = try await app.browser().get("/services-en-ligne-et-formulaires/inscription-listes-electorales")
            #expect(electoral.heading == "Demande d'inscription sur les listes électorales")
            #expect(electoral.contains("Formulaire en ligne (cerfa n°12669*02)"))
            #expect(electoral.contains("La mairie de la commune indiquée dans « Adresse de votre domicile »"))
            #expect(electoral.contains("Un compte Guichet est nécessaire."))
            #expect(electoral.contains("/connexion?retour=/services-en-ligne-et-formulaires/inscription-listes-electorales"))
            #expect(!electoral.contains("Commencer la démarche"))

            let birth = try await app.browser().get("/services-en-ligne-et-formulaires/demande-acte-naissance")
            #expect(birth.contains("Pas besoin de compte.") && birth.contains("Commencer la démarche"))

            let caf = try await app.browser().get("/services-en-ligne-et-formulaires/changement-situation-caf")
            #expect(caf.contains("Caisse d'allocations familiales") && caf.contains("Contacter l'organisme"))

            let move = try await app.browser().get("/services-en-ligne-et-formulaires/declaration-changement-coordonnees")
            #expect(move.contains("Connectez-vous pour faire cette démarche") && move.contains("Les organismes que vous choisissez parmi"))
            #expect(move.contains("Caisse d'allocations familiales") && !move.contains("Bientôt disponible"))

            let missing = try await app.browser().get("/services-en-ligne-et-formulaires/inconnue")
            #expect(missing.status == .notFound)
        }
    }

    @Test func startingAnAccountProcedureWithoutAccountLeadsToSignIn() async throws {
        try await withApp { app in
            let browser = app.browser()
            _ = try await browser.get("/services-en-ligne-et-formulaires/inscription-listes-electorales")
            let start = try await browser.post("/services-en-ligne-et-formulaires/inscription-listes-electorales/commencer", [])
            #expect(start.status == .seeOther)
            #expect(start.location == "/connexion?retour=/services-en-ligne-et-formulaires/inscription-listes-electorales")
            let move = try await browser.post("/services-en-ligne-et-formulaires/declaration-changement-coordonnees/commencer", [])
            #expect(move.location == "/connexion?retour=/services-en-ligne-et-formulaires/declaration-changement-coordonnees")
        }
    }

    @Test func aBlankFormIsAValidPDFWithItsTitleAndFields() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/services-en-ligne-et-formulaires/remboursement-soins-etranger")
            #expect(page.contains("Télécharger le formulaire (PDF)"))
            let download = try await app.browser().download("/services-en-ligne-et-formulaires/remboursement-soins-etranger/formulaire.pdf")
            #expect(download.status == .ok && download.headers.contentType == HTTPMediaType(type: "application", subType: "pdf"))
            let file = app.database.directory.appendingPathComponent("formulaire.pdf")
            try download.data.write(to: file)
            #expect(try Tools.qpdfCheck(file))
            let text = try Tools.pdfText(file)
            #expect(text.contains("Soins reçus à l'étranger") || text.contains("étranger"))
            #expect(text.contains("cerfa n°12267*06"))
            let online = try await app.browser().get("/services-en-ligne-et-formulaires/demande-acte-naissance/formulaire.pdf")
            #expect(online.status == .notFound, "only blank forms have a printable PDF")
        }
    }

    @Test func thePartnersPageListsOrganisationsWithHelpAndContacts() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/aide/contacter-un-organisme-partenaire")
            #expect(page.heading == "Contacter un organisme partenaire")
            for organisation in app.app.guichet.procedures.organisations {
                #expect(page.contains(organisation.name), "\(organisation.id)")
            }
            #expect(page.contains("Adressez-vous directement au centre national du CESU"))
            let help = try await app.browser().get("/aide")
            #expect(help.status == .ok)
        }
    }

    @Test func aBrokenDefinitionStopsTheStartWithEveryProblem() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("procedures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let shipped = Corpus.repositoryRoot.appendingPathComponent("Procedures")
        try FileManager.default.copyItem(at: shipped.appendingPathComponent("organisations.json"),
                                         to: directory.appendingPathComponent("organisations.json"))
        var text = try String(contentsOf: shipped.appendingPathComponent("demande-acte-naissance.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: #""type": "commune""#, with: #""type": "ville""#)
        text = text.replacingOccurrences(of: #""prefill": "profile.lastName""#, with: #""prefill": "profile.surname""#)
        try text.write(to: directory.appendingPathComponent("demande-acte-naissance.json"), atomically: true, encoding: .utf8)
        do {
            try await withApp({ $0.proceduresDirectory = directory }) { _ in Issue.record("the portal started") }
        } catch let error as ProcedureLoadError {
            let lines = error.problems.map(\.description)
            #expect(lines.contains { $0.hasPrefix("demande-acte-naissance.json: steps[0].fields[4].type: unknown value \"ville\"") }, "\(lines)")
            #expect(lines.contains { $0.contains("steps[0].fields[1].prefill") && $0.contains("profile.surname") }, "\(lines)")
        }
    }
}
