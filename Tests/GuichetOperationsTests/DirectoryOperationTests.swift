import FluentKit
import Foundation
import GuichetCore
@testable import GuichetOperations
import GuichetStore
import GuichetTestSupport
import Testing

/// The directory without HTTP (SPEC §8), on SQLite (FTS5) and PostgreSQL (tsvector): the
/// shipped data loaded once, the same ranked pages as the domain's in-memory reference,
/// and `directory import` streaming, updating, refusing a malformed file whole.
@Suite struct DirectoryOperationTests {
    func results(_ typed: String, page: String? = nil, in portal: TestPortal) async throws -> DirectoryResults {
        guard case .results(let results, _) = try await DirectorySearch.search(typed, page: page, in: portal.context()) else {
            Issue.record("\(typed) refused")
            throw CancellationError()
        }
        return results
    }

    @Test func theDatabaseSearchGivesTheDomainsPagesOnTheShippedDirectory() async throws {
        try await withPortal { portal in
            #expect(try await DirectoryImport.loadShipped(in: portal.context()))
            #expect(!(try await DirectoryImport.loadShipped(in: portal.context())), "loaded once per version of the files")
            let reference = DirectoryIndex(ReferenceData.defaultDirectory)
            #expect(try await PublicBodies.count(on: portal.db) == reference.count)
            for typed in ["mairie lyon", "saint denis", "caf 69", "préfecture", "33000", "l'hay les roses", "Mairie de Saint-Étienne",
                          "mairie", "cpam", "finances publiques", "lyno", "marseile", "le mans", "mairie 97400", "ST ETIENNE"] {
                let query = try DirectoryQuery(typed)
                for page in ["1", "2"] {
                    let expected = reference.search(query, page: page)
                    let found = try await results(typed, page: page, in: portal)
                    #expect(found.page == expected.page, "\(typed) page \(page)")
                    #expect(found.bodies.map(\.id) == expected.bodies.map(\.id), "\(typed) page \(page)")
                }
            }
            let lyon = try await results("mairie lyon", in: portal)
            #expect(lyon.bodies.first?.id == "mairie-69123", "the commune typed comes first")
            #expect(try await results("lyno", in: portal).bodies.contains { $0.id == "mairie-69123" }, "a typo is forgiven")
            let body = try await DirectorySearch.body("mairie-69123", in: portal.context())
            #expect(body.name.contains("Lyon") && !body.address.isEmpty)
            await #expect(throws: OperationError.notFound) { _ = try await DirectorySearch.body("inconnu", in: portal.context()) }
        }
    }

    @Test func badQueriesGiveAMessageNotAnError() async throws {
        try await withPortal { portal in
            for (typed, message) in [("", DirectoryQuery.Problem.empty.message), ("   ", DirectoryQuery.Problem.empty.message),
                                     (String(repeating: "a", count: 300), DirectoryQuery.Problem.tooLong(length: 300).message),
                                     ("<>!!", DirectoryQuery.Problem.nothingToSearch.message)] {
                guard case .refused(let refusal) = try await DirectorySearch.search(typed, page: nil, in: portal.context()) else {
                    Issue.record("\(typed.prefix(10)) searched")
                    continue
                }
                #expect(refusal == message)
            }
            guard case .results(let none, let notice) = try await DirectorySearch.search("mairie 99999", page: "abc", in: portal.context()) else {
                Issue.record("refused")
                return
            }
            #expect(none.page.total == 0 && notice?.contains("99999") == true)
        }
    }

    static func export(_ services: [String]) throws -> URL {
        let url = try Tools.temporaryDirectory().appendingPathComponent("export.json")
        try Data(("{\"service\": [\n" + services.joined(separator: ",\n") + "\n]}\n").utf8).write(to: url)
        return url
    }

    static func caf(id: String = "caf-lyon-1", name: String = "Caisse d'allocations familiales du Rhône – Lyon") -> String {
        """
        {"id": "\(id)", "nom": "\(name)", "pivot": [{"type_service_local": "caf"}], "code_insee_commune": "69383",
         "adresse": [{"type_adresse": "Adresse", "numero_voie": "67 boulevard Vivier Merle", "code_postal": "69003", "nom_commune": "Lyon"}],
         "telephone": [{"valeur": "32 30", "description": ""}], "adresse_courriel": "", "site_internet": [{"valeur": "https://www.caf.fr", "libelle": ""}],
         "plage_ouverture": [{"nom_jour_debut": "Lundi", "nom_jour_fin": "Vendredi", "valeur_heure_debut_1": "08:30:00", "valeur_heure_fin_1": "16:00:00",
                              "valeur_heure_debut_2": "", "valeur_heure_fin_2": "", "commentaire": ""}],
         "date_modification": "15/03/2026 10:00:00"}
        """
    }

    @Test func anImportAddsThenUpdatesAndCountsWhatItLeftOut() async throws {
        try await withPortal { portal in
            let first = try await DirectoryImport.run(try Self.export([Self.caf(), #"{"id": "sans-nom", "nom": ""}"#]), in: portal.context())
            #expect(first.accepted == 1 && first.rejected == 1)
            #expect(try await PublicBodies.count(on: portal.db) == 1)
            let found = try await results("caf lyon", in: portal)
            #expect(found.bodies.map(\.id) == ["caf-lyon-1"])
            let again = try await DirectoryImport.run(try Self.export([Self.caf(name: "CAF du Rhône – accueil de Lyon")]), in: portal.context())
            #expect(again.accepted == 1)
            #expect(try await PublicBodies.count(on: portal.db) == 1, "a re-import updates, never duplicates")
            #expect(try await DirectorySearch.body("caf-lyon-1", in: portal.context()).name == "CAF du Rhône – accueil de Lyon")
            #expect(try await results("accueil lyon", in: portal).bodies.map(\.id) == ["caf-lyon-1"], "the index follows the update")
        }
    }

    @Test func aMalformedFileStopsAtItsLineAndChangesNothing() async throws {
        try await withPortal { portal in
            _ = try await DirectoryImport.run(try Self.export([Self.caf()]), in: portal.context())
            let broken = try Self.export([Self.caf(id: "caf-2", name: "Autre CAF"), Self.caf(id: "caf-3") + ", {\"id\": \"caf-4\", \"nom\": tru"])
            do {
                _ = try await DirectoryImport.run(broken, in: portal.context())
                Issue.record("a malformed file was imported")
            } catch let error as DILAExportError {
                #expect(error.line != nil && error.description.hasPrefix("Ligne "), "\(error)")
            }
            #expect(try await PublicBodies.count(on: portal.db) == 1, "nothing of the broken file was written")
        }
    }

    @Test func whereToAskGivesTheTownHallAndTheLocalOffice() async throws {
        try await withPortal { portal in
            // The Rhône's town halls and the sample are enough here.
            try await PublicBodies.upsert(ReferenceData.defaultDirectory.filter { $0.id.hasPrefix("exemple-") || ($0.postalCode ?? "").hasPrefix("69") },
                                          shipped: true, now: portal.clock.now(), on: portal.db)
            let place = DirectoryGuide.Place(inseeCode: "69123", postalCode: "69003")
            // No CPAM of the Rhône in the shipped sample: nothing is made up for it.
            let bodies = try await DirectoryGuide.bodies(for: ["mairie-69123", "caf", "impots", "ameli"], near: place, in: portal.context())
            #expect(bodies.map(\.id) == ["mairie-69123", "exemple-caf-69", "exemple-sip-69"])
            // Elsewhere in the department, the department's office.
            let villeurbanne = DirectoryGuide.Place(inseeCode: "69266", postalCode: "69100")
            #expect(try await DirectoryGuide.bodies(for: ["caf"], near: villeurbanne, in: portal.context()).map(\.id) == ["exemple-caf-69"])
        }
    }
}
