import Fluent
import FluentSQL
import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetOperations
import Testing
import Vapor

/// The inbox: tabs, filters, a dossier, the moves by role, the CSV export (SPEC §6).
@Suite struct InboxTests {
    @Test func theTabsCountAndFilterTheOrganisationsDossiersOnly() async throws {
        try await withApp { app in
            let first = try await app.birthRequestFromTheSite()
            app.clock.advance(by: 86400)
            let second = try await app.transmitted(to: ["mairie-69123"])
            _ = try await app.transmitted(to: ["caf"])
            let agent = try await app.agent()
            _ = try await PartnerDossiers.advance(reference: second, organisationKey: "mairie-69123", to: .acknowledged, message: nil,
                                                  actor: .operator, in: app.operatorContext)

            let inbox = try await agent.browser.get("/agents/dossiers")
            #expect(inbox.status == .ok && inbox.heading == "Dossiers reçus – Mairie de Lyon")
            #expect(inbox.contains("À traiter (1)") && inbox.contains("Pris en compte (1)") && inbox.contains("Traités (0)"))
            #expect(inbox.contains(first) && !inbox.contains(second), "the tab shows transmis only")
            #expect(inbox.contains("DUPONT Élodie"))
            let acknowledged = try await agent.browser.get("/agents/dossiers?onglet=pris-en-compte")
            #expect(acknowledged.contains(second) && !acknowledged.contains(first))
            #expect(acknowledged.body.contains(#"aria-current="page">Pris en compte (1)"#))

            // Search by name without accents or case, or by part of the reference.
            #expect(try await agent.browser.get("/agents/dossiers?q=elodie%20").contains(first))
            #expect(try await agent.browser.get("/agents/dossiers?q=DUPONT").contains(first))
            #expect(try await agent.browser.get("/agents/dossiers?q=\(first.suffix(5).lowercased())").contains(first))
            let none = try await agent.browser.get("/agents/dossiers?q=Martin")
            #expect(!none.contains(first) && none.contains("Aucun dossier ne correspond à ces critères."))
            #expect(try await agent.browser.get("/agents/dossiers?q=%25").contains("Aucun dossier"), "% matches only itself")
            // Dates (both formats) and procedure.
            let day = CalendarDate(app.clock.now().addingTimeInterval(-86400))
            #expect(try await agent.browser.get("/agents/dossiers?du=\(day.iso)&au=\(day.french)").contains(first))
            #expect(!(try await agent.browser.get("/agents/dossiers?du=\(day.adding(days: 1).iso)").contains(first)))
            #expect(try await agent.browser.get("/agents/dossiers?procedure=demande-acte-naissance").contains(first))
        }
    }

    @Test func badFiltersAreExplainedNextToTheirFieldsAndTheOthersKept() async throws {
        try await withApp { app in
            let reference = try await app.birthRequestFromTheSite()
            let agent = try await app.agent()
            let page = try await agent.browser.get("/agents/dossiers?procedure=inconnue&du=31/02/2026&q=Dupont")
            #expect(page.status == .unprocessableEntity)
            #expect(page.fieldError("procedure") == "Choisissez une démarche de la liste.")
            #expect(page.fieldError("du")?.contains("jj/mm/aaaa") == true)
            #expect(page.inputValue("q") == "Dupont" && page.contains(reference))
            let reversed = try await agent.browser.get("/agents/dossiers?du=02/01/2026&au=01/01/2026")
            #expect(reversed.fieldError("au") == "La date de fin doit être le même jour ou après la date de début.")
            let long = try await agent.browser.get("/agents/dossiers?q=" + String(repeating: "a", count: 101))
            #expect(long.fieldError("q")?.contains("100 caractères") == true)
        }
    }

    @Test func fiftyPerPageWithLinksToTheNext() async throws {
        try await withApp { app in
            for _ in 0..<51 {
                _ = try await app.transmitted(to: ["caf"], procedure: "changement-situation-caf")
                app.clock.advance(by: 1)
            }
            let agent = try await app.agent("caf", email: "agent@caf.fr")
            let first = try await agent.browser.get("/agents/dossiers")
            #expect(first.contains("Page 1 sur 2") && first.contains("page=2") && first.contains("51 dossiers"))
            #expect(Page.matches(#"<a href="(/agents/dossiers/A-[^"]+)""#, in: first.body).count == 50)
            let second = try await agent.browser.get("/agents/dossiers?page=2")
            #expect(Page.matches(#"<a href="(/agents/dossiers/A-[^"]+)""#, in: second.body).count == 1 && second.contains("Page précédente"))
        }
    }

    @Test func aDossierShowsTheApplicantAnswersDocumentsAndHistory() async throws {
        try await withApp { app in
            try await app.createAccount()
            let (reference, pdf) = try await app.cafRequestWithAttachment()
            let agent = try await app.agent("caf", email: "agent@caf.fr")
            let page = try await agent.browser.get("/agents/dossiers/\(reference)")
            #expect(page.status == .ok && page.heading == "Dossier \(reference)")
            #expect(page.contains("Jeanne") && page.contains("1234567") && page.contains("Étape 1"))
            #expect(page.contains("Accuser réception") && page.contains("Passer en cours de traitement"))
            let receipt = try await agent.browser.download("/agents/dossiers/\(reference)/recapitulatif.pdf")
            #expect(receipt.status == .ok && receipt.data.starts(with: Data("%PDF".utf8)))
            let link = try #require(page.firstMatch(#"/agents/dossiers/[^"]+/pieces/[0-9a-f-]+"#))
            let attachment = try await agent.browser.download(link)
            #expect(attachment.status == .ok && attachment.data == pdf)
            #expect(try await agent.browser.download("/agents/dossiers/\(reference)/pieces/\(UUID())").status == .notFound)
        }
    }

    @Test func anInstructorAcknowledgesThenClosesWithAMessageThroughTheOneTrackingOperation() async throws {
        try await withApp { app in
            let reference = try await app.birthRequestFromTheSite()
            let agent = try await app.agent()
            let before = try await app.emails(to: "elodie@exemple.fr").count
            let confirm = try await agent.browser.get("/agents/dossiers/\(reference)/accuser-reception")
            #expect(confirm.status == .ok && confirm.contains("passera de « Transmis » à « Pris en compte »"))
            let done = try await agent.browser.post("/agents/dossiers/\(reference)/accuser-reception", [("message", "")])
            #expect(done.location == "/agents/dossiers/\(reference)")
            let page = try await agent.browser.get("/agents/dossiers/\(reference)")
            #expect(page.contains("C'est fait : le dossier est « Pris en compte »") && page.contains("Marie Agent"))
            #expect(try await app.emails(to: "elodie@exemple.fr").count == before + 1)
            let record = try #require(try await Dossiers.find(reference: reference, on: app.db))
            #expect(try await Dossiers.events(try record.requireID(), on: app.db).last?.actor == "agent:Marie Agent")
            #expect(try await app.browser().get("/agents/dossiers/\(reference)/accuser-reception").location?.hasPrefix("/agents/connexion") == true)

            // Closing needs a message; the citizen gets it.
            let empty = try await agent.browser.post("/agents/dossiers/\(reference)/marquer-traite", [("message", "  ")])
            #expect(empty.status == .unprocessableEntity && empty.fieldError("message")?.contains("Écrivez à l'usager") == true)
            let tooLong = try await agent.browser.post("/agents/dossiers/\(reference)/marquer-traite", [("message", String(repeating: "é", count: 2001))])
            #expect(tooLong.fieldError("message")?.contains("2000") == true && tooLong.contains(String(repeating: "é", count: 2001)))
            let closed = try await agent.browser.post("/agents/dossiers/\(reference)/marquer-traite", [("message", "Votre acte vous a été envoyé.")])
            #expect(closed.location == "/agents/dossiers/\(reference)")
            #expect(try await app.emails(to: "elodie@exemple.fr").last?.text.contains("Votre acte vous a été envoyé.") == true)
            let final = try await agent.browser.get("/agents/dossiers/\(reference)")
            #expect(final.contains("Traité") && !final.contains("Marquer comme traité"), "no move is offered after traité")
            // A move the state machine refuses is explained, not a 500.
            let backwards = try await agent.browser.post("/agents/dossiers/\(reference)/passer-en-cours", [("message", "")])
            #expect(backwards.status == .unprocessableEntity && backwards.fieldError("message")?.contains("n'est plus possible") == true)
            // The partner API sees the agent's moves.
            let key = try await app.partnerKey("mairie-69123")
            let detail = try await app.api(.GET, "/api/v1/dossiers/\(reference)", key: key)
            #expect(detail.string("history.1.actor.kind") == "agent" && detail.string("history.1.actor.name") == "Marie Agent")
        }
    }

    @Test func aReaderSeesAndExportsButEveryMoveIs403AndOtherOrganisationsDossiersAre404() async throws {
        try await withApp { app in
            let reference = try await app.birthRequestFromTheSite()
            let cafReference = try await app.transmitted(to: ["caf"])
            let reader = try await app.agent(role: .lecteur)
            let page = try await reader.browser.get("/agents/dossiers/\(reference)")
            #expect(page.status == .ok && !page.contains(#"/accuser-reception""#) && page.contains("pas de le faire avancer"))
            let get = try await reader.browser.get("/agents/dossiers/\(reference)/accuser-reception")
            #expect(get.status == .forbidden && get.contains("Votre rôle « Lecteur »"))
            let post = try await reader.browser.post("/agents/dossiers/\(reference)/accuser-reception", [("message", "")])
            #expect(post.status == .forbidden)
            #expect(try await Transmissions.find(reference: reference, organisationKey: "mairie-69123", on: app.db)?.state == .transmitted)
            #expect(try await reader.browser.download("/agents/export.csv").status == .ok)

            for path in ["/agents/dossiers/\(cafReference)", "/agents/dossiers/\(cafReference)/recapitulatif.pdf",
                         "/agents/dossiers/\(cafReference)/accuser-reception", "/agents/dossiers/A-1-NIMPORTEQUOI"] {
                #expect(try await reader.browser.get(path).status == .notFound, "\(path)")
            }
            #expect(try await reader.browser.get("/agents/dossiers/\(reference)/supprimer").status == .notFound)
        }
    }

    @Test func theExportIsTheFilteredTabAsFrenchSpreadsheetCSV() async throws {
        try await withApp { app in
            let reference = try await app.birthRequestFromTheSite()
            _ = try await app.transmitted(to: ["mairie-69123"])
            let acknowledged = try await app.transmitted(to: ["mairie-69123"])
            _ = try await PartnerDossiers.advance(reference: acknowledged, organisationKey: "mairie-69123", to: .acknowledged,
                                                  message: "=HYPERLINK(\"http://exemple.invalid\")", actor: .operator, in: app.operatorContext)
            let agent = try await app.agent()
            let export = try await agent.browser.download("/agents/export.csv?onglet=a-traiter")
            #expect(export.status == .ok && export.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(export.headers.first(name: .contentDisposition)?.contains("dossiers-a-traiter-") == true)
            #expect(export.data.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with BOM")
            let text = String(decoding: export.data.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "Référence;Démarche;Date de transmission;Demandeur;État;Dernier message")
            #expect(lines.count == 3 && lines.contains { $0.hasPrefix(reference + ";") && $0.contains(";DUPONT Élodie;Transmis;") })

            let other = try await agent.browser.download("/agents/export.csv?onglet=pris-en-compte")
            let row = try #require(String(decoding: other.data, as: UTF8.self).components(separatedBy: "\r\n").dropFirst().first)
            #expect(row.hasSuffix(#";"'=HYPERLINK(""http://exemple.invalid"")""#), "a formula is neutralised: \(row)")
            #expect(try await app.browser().download("/agents/export.csv").status == .seeOther)
        }
    }

    /// Dossiers transmitted before the inbox kept names get theirs from the background
    /// job, and can then be searched by it.
    @Test func olderTransmissionsGetTheApplicantsNameFromTheBackfillJob() async throws {
        try await withApp { app in
            let reference = try await app.birthRequestFromTheSite()
            try await app.db.sql.raw("UPDATE transmissions SET applicant_name = NULL, applicant_folded = NULL").run()
            let agent = try await app.agent()
            #expect(!(try await agent.browser.get("/agents/dossiers?q=elodie").contains(reference)))
            _ = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            #expect(try await agent.browser.get("/agents/dossiers?q=elodie").contains(reference))
            #expect(try await Transmissions.find(reference: reference, organisationKey: "mairie-69123", on: app.db)?.applicantName == "DUPONT Élodie")
        }
    }
}
