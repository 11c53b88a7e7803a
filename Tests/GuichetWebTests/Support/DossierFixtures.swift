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

/// Answers of the shipped procedures, step by step, as a browser posts them.
enum Sample {
    static let birth: [[(String, String)]] = [
        [("demandeur", "soi"), ("nom", "Dupont"), ("prenoms", "Élodie"), ("dateNaissance", "14/07/1990"),
         ("communeNaissance.codePostal", "69003"), ("communeNaissance.commune", "Lyon")],
        [("typeActe", "copie-integrale"), ("exemplaires", "2")],
        [("nomDemandeur", "Élodie Dupont"), ("adresseEnvoi.ligne1", "3 rue des Lilas"), ("adresseEnvoi.codePostal", "75011"),
         ("adresseEnvoi.commune", "Paris"), ("courriel", "elodie@exemple.fr")],
    ]

    static let caf: [[(String, String)]] = [
        [("numeroAllocataire", "1234567"), ("nom", "Martin"), ("prenoms", "Jeanne"), ("adresse.ligne1", "12 rue de la Paix"),
         ("adresse.codePostal", "75002"), ("adresse.commune", "Paris")],
        [("changement", "pacs"), ("dateChangement", "01/12/2026")],
        [],
    ]
}

extension TestBrowser {
    /// Opens a procedure's page and presses *Commencer la démarche*.
    @discardableResult
    func start(_ procedure: String) async throws -> Page {
        _ = try await get("/services-en-ligne-et-formulaires/\(procedure)")
        return try await post("/services-en-ligne-et-formulaires/\(procedure)/commencer", [])
    }

    /// Posts each step with *Continuer*; returns the last answer.
    @discardableResult
    func fill(_ steps: [[(String, String)]], from first: Int = 1) async throws -> Page {
        var last: Page?
        for (offset, fields) in steps.enumerated() {
            let page = try await post("/demarche/etape/\(first + offset)", fields + [("_action", "continuer")])
            #expect(page.status == .seeOther, "step \(first + offset): \(page.summaryErrors)")
            last = page
        }
        return try #require(last)
    }

    /// *Transmettre ma demande* from the summary; returns the answer and the dossier id.
    func submit() async throws -> (page: Page, dossier: String) {
        let summary = try await get("/demarche/recapitulatif")
        let dossier = try #require(summary.inputValue("dossier"))
        return (try await post("/demarche/transmettre", [("dossier", dossier)]), dossier)
    }
}

extension TestApp {
    func dossiers() async throws -> [DossierRecord] {
        try await DossierRecord.query(on: db).sort(\.$createdAt).all()
    }

    func onlyDossier() async throws -> DossierRecord {
        let all = try await dossiers()
        #expect(all.count == 1)
        return try #require(all.first)
    }
}
