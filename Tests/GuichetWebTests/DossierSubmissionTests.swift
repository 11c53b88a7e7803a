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

/// SPEC §4: the summary, *Transmettre ma demande* (idempotent, never losing the draft),
/// the reference, the confirmation, its email and the PDF *récapitulatif*.
@Suite struct DossierSubmissionTests {
    /// The birth-certificate request filled without an account, up to the summary.
    func filledBirthRequest(_ app: TestApp) async throws -> TestBrowser {
        let browser = app.browser()
        try await browser.start("demande-acte-naissance")
        let last = try await browser.fill(Sample.birth)
        #expect(last.location == "/demarche/recapitulatif")
        return browser
    }

    @Test func theSummaryShowsEveryAnswerWithModifierLinks() async throws {
        try await withApp { app in
            let browser = try await filledBirthRequest(app)
            let summary = try await browser.get("/demarche/recapitulatif")
            #expect(summary.heading == "Récapitulatif de votre demande")
            #expect(summary.contains("Élodie") && summary.contains("Lyon (69003)") && summary.contains("Copie intégrale"))
            #expect(summary.contains("Non renseigné"))
            #expect(summary.contains("Votre demande sera transmise à : Mairie de Lyon."))
            #expect(summary.contains(#"href="/demarche/etape/2?retour=recapitulatif""#))
            #expect(summary.contains("Transmettre ma demande"))
            // Modifier: the step, then straight back to the summary.
            let step = try await browser.get("/demarche/etape/2?retour=recapitulatif")
            #expect(step.inputValue("retour") == "recapitulatif" && step.contains("Valider et revenir au récapitulatif"))
            let back = try await browser.post("/demarche/etape/2", [("typeActe", "extrait-avec-filiation"), ("exemplaires", "1"),
                                                                     ("retour", "recapitulatif")])
            #expect(back.location == "/demarche/recapitulatif")
            #expect(try await browser.get("/demarche/recapitulatif").contains("Extrait avec filiation"))
        }
    }

    @Test func anIncompleteDossierIsNotTransmitted() async throws {
        try await withApp { app in
            let browser = app.browser()
            try await browser.start("demande-acte-naissance")
            _ = try await browser.post("/demarche/etape/1", Sample.birth[0] + [("_action", "enregistrer")])
            let summary = try await browser.get("/demarche/recapitulatif")
            #expect(summary.contains("Votre demande est incomplète") && summary.contains("Compléter l'étape « L'acte demandé »"))
            #expect(!summary.contains("Transmettre ma demande"))
            let dossier = try await app.onlyDossier()
            let refused = try await browser.post("/demarche/transmettre", [("dossier", try dossier.requireID().uuidString)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.contains("Votre demande n'a pas été transmise"))
            #expect(try await app.onlyDossier().state != .submitted)
        }
    }

    @Test func submittingGivesAReferenceAConfirmationAnEmailAndAReceipt() async throws {
        try await withApp { app in
            let browser = try await filledBirthRequest(app)
            let (sent, _) = try await browser.submit()
            #expect(sent.status == .seeOther)
            let location = try #require(sent.location)
            let reference = try #require(location.split(separator: "/").dropFirst().first.map(String.init))
            #expect(reference.hasPrefix("A-2-"), "no account: A-2")
            #expect(try DossierReference.parse(reference).get().description == reference)

            let confirmation = try await browser.get(location)
            #expect(confirmation.heading == "Votre demande a été transmise")
            #expect(confirmation.contains(reference) && confirmation.contains("Mairie de Lyon"))
            #expect(confirmation.contains("Et ensuite ?") && confirmation.contains("ne peut plus être modifiée ni annulée"))
            #expect(confirmation.contains("04 72 10 30 30"), "the town hall's contacts")

            let dossier = try await app.onlyDossier()
            #expect(dossier.state == .submitted && dossier.reference == reference && dossier.contactEmail == "elodie@exemple.fr")
            let transmissions = try await Transmissions.list(dossierID: try dossier.requireID(), on: app.db)
            #expect(transmissions.map(\.organisationKey) == ["mairie-69123"] && transmissions[0].state == .transmitted)
            let events = try await Dossiers.events(try dossier.requireID(), on: app.db)
            #expect(events.map(\.transition) == ["submit"] && events[0].actor == "usager")

            let mails = try await app.emails(to: "elodie@exemple.fr")
            #expect(mails.count == 1)
            #expect(mails.first?.subject == "Votre demande a été transmise – référence \(reference)")
            #expect(mails.first?.text.contains(reference) == true)

            let download = try await browser.download("/demarches/\(reference)/recapitulatif.pdf")
            #expect(download.status == .ok && download.headers.contentType == HTTPMediaType(type: "application", subType: "pdf"))
            let file = app.database.directory.appendingPathComponent("recapitulatif.pdf")
            try download.data.write(to: file)
            #expect(try Tools.qpdfCheck(file))
            let text = try Tools.pdfText(file)
            for expected in ["Récapitulatif de votre démarche", "Demande d'acte de naissance", reference, "Élodie", "Mairie de Lyon",
                             "Lyon (69003)", "Copie intégrale", "Pièces jointes", "Aucune pièce jointe."] {
                #expect(text.contains(expected), "\(expected) in the receipt")
            }

            // The dossier is no longer in progress; another session cannot see it.
            #expect(try await browser.get("/demarche/etape/1").location == "/services-en-ligne-et-formulaires")
            #expect(try await app.browser().get(location).status == .notFound)
            #expect(try await app.browser().download("/demarches/\(reference)/recapitulatif.pdf").status == .notFound)
        }
    }

    @Test func aDoubleSubmitGivesTheSameDossierAndReference() async throws {
        try await withApp { app in
            let browser = try await filledBirthRequest(app)
            let (first, dossier) = try await browser.submit()
            let second = try await browser.post("/demarche/transmettre", [("dossier", dossier)])
            #expect(second.status == .seeOther && second.location == first.location)
            #expect(try await app.dossiers().count == 1)
            #expect(try await app.emails().count == 1)
        }
    }

    /// A double click sends the same form twice at once: every answer leads to the one
    /// confirmation, whichever request transmits the dossier. Several rounds of three
    /// posts, so the second read of a slower request falls after the winner's commit.
    @Test func concurrentSubmitsMakeOneSubmission() async throws {
        try await withApp { app in
            for round in 1...4 {
                let browser = try await filledBirthRequest(app)
                let summary = try await browser.get("/demarche/recapitulatif")
                let dossier = try #require(summary.inputValue("dossier"))
                async let one = browser.post("/demarche/transmettre", [("dossier", dossier)])
                async let two = browser.post("/demarche/transmettre", [("dossier", dossier)])
                async let three = browser.post("/demarche/transmettre", [("dossier", dossier)])
                let answers = try await [one, two, three]
                #expect(answers.allSatisfy { $0.status == .seeOther }, "round \(round)")
                #expect(Set(answers.map(\.location)).count == 1, "round \(round): \(answers.map(\.location))")
                #expect(answers[0].location?.hasPrefix("/demarches/A-2-") == true, "round \(round)")
                let id = try #require(UUID(uuidString: dossier))
                #expect(try await Transmissions.list(dossierID: id, on: app.db).count == 1)
                #expect(try await Dossiers.events(id, on: app.db).filter { $0.transition == "submit" }.count == 1)
                #expect(try await browser.get(try #require(answers[0].location)).status == .ok)
            }
            #expect(try await app.emails().count == 4)
        }
    }

    /// Another request of the same session transmitted the dossier after this one's
    /// session was read: the answer is still the confirmation.
    @Test func aSubmitAfterAConcurrentTransmissionLeadsToTheConfirmation() async throws {
        try await withApp { app in
            let browser = try await filledBirthRequest(app)
            let summary = try await browser.get("/demarche/recapitulatif")
            let dossier = try #require(summary.inputValue("dossier"))
            let id = try #require(UUID(uuidString: dossier))
            let record = try #require(try await Dossiers.find(id, on: app.db))
            let outcome = try await Dossiers.submit(id, answers: record.answers, recipients: [], actor: .citizen,
                                                    newReference: { DossierReference(kind: .anonymous, body: "7KQ2M9XH") },
                                                    mail: { _ in nil }, now: app.clock.now(), on: app.db)
            guard case .submitted(let reference) = outcome else { Issue.record("not submitted: \(outcome)"); return }
            let answer = try await browser.post("/demarche/transmettre", [("dossier", dossier)])
            #expect(answer.status == .seeOther && answer.location == "/demarches/\(reference)/confirmation")
            #expect(try await browser.get("/demarches/\(reference)/confirmation").status == .ok)
            #expect(try await app.emails().isEmpty)
        }
    }

    @Test func aFailedSubmissionKeepsTheDraftAndCanBeRetried() async throws {
        try await withApp { app in
            // Every draw gives the same reference: the second dossier cannot get one.
            let fixed = DossierReference(kind: .anonymous, body: "7KQ2M9XH")
            var services = app.app.guichet.services
            let original = services.references
            services.references = { kind in DossierReference(kind: kind, body: fixed.body) }
            app.app.guichet = app.app.guichet.with(services: services)

            let first = try await filledBirthRequest(app)
            #expect(try await first.submit().page.location == "/demarches/\(fixed)/confirmation")

            let second = try await filledBirthRequest(app)
            let (failed, dossierID) = try await second.submit()
            #expect(failed.status == .serviceUnavailable)
            #expect(failed.contains("Vos réponses sont conservées"))
            #expect(!failed.body.contains("Error") && !failed.body.contains("constraint"))
            let draftID = try #require(UUID(uuidString: dossierID))
            let draft = try #require(try await Dossiers.find(draftID, on: app.db))
            #expect(draft.state == .draft && draft.reference == nil && draft.answers["prenoms"] == .text("Élodie"))
            #expect(try await Transmissions.list(dossierID: try draft.requireID(), on: app.db).isEmpty)
            #expect(try await app.emails().count == 1, "no email for the failed try")

            services.references = original
            app.app.guichet = app.app.guichet.with(services: services)
            let retried = try await second.submit()
            #expect(retried.page.status == .seeOther && retried.page.location?.hasPrefix("/demarches/A-2-") == true)
            #expect(retried.page.location != "/demarches/\(fixed)/confirmation")
        }
    }

    @Test func signedInTheDossierIsFollowedInMonActiviteAndCannotBeChanged() async throws {
        try await withApp { app in
            try await app.createAccount("jeanne.martin", email: "jeanne@exemple.fr")
            let browser = app.browser()
            try await browser.signIn()
            try await browser.start("changement-situation-caf")
            _ = try await browser.fill(Sample.caf)
            let (sent, _) = try await browser.submit()
            let reference = try #require(sent.location?.split(separator: "/").dropFirst().first.map(String.init))
            #expect(reference.hasPrefix("A-1-"))
            #expect(try await app.emails(to: "jeanne@exemple.fr").contains { $0.text.contains(reference) })

            let activity = try await browser.get("/mon-compte/mon-activite")
            #expect(activity.contains(reference) && activity.contains("Caisse d'allocations familiales"))
            #expect(activity.contains(": Transmis"))
            #expect(activity.contains("/demarches/\(reference)/recapitulatif.pdf"))

            let page = try await browser.get("/mon-compte/mon-activite/\(reference)")
            #expect(page.status == .ok && page.contains("ne peut plus être modifiée ni annulée"))
            #expect(page.contains("32 30") || page.contains("caf.fr"), "the organisation's contacts")
            #expect(!page.contains("<form method=\"post\" action=\"/demarche"), "no way to change it")
            #expect(page.contains("Historique"))

            // The organisation's progress, recorded from the command line.
            try await runStatus(app, [reference, "caf", "pris-en-compte", "--message", "Dossier reçu, merci."])
            let acknowledged = try await browser.get("/mon-compte/mon-activite/\(reference)")
            #expect(acknowledged.contains("Pris en compte") && acknowledged.contains("Dossier reçu, merci."))
            #expect(try await browser.get("/mon-compte/mon-activite").contains(": Pris en compte"))
            let alert = try #require(try await app.emails(to: "jeanne@exemple.fr").last)
            #expect(alert.subject == "Votre dossier \(reference) : pris en compte")
            #expect(alert.text.contains("Dossier reçu, merci."))
            try await runStatus(app, [reference, "caf", "traite"])
            #expect(try await browser.get("/mon-compte/mon-activite/\(reference)").contains("Traité"))
            await #expect(throws: CommandRefusal.self) { try await runStatus(app, [reference, "caf", "pris-en-compte"]) }
            await #expect(throws: CommandRefusal.self) { try await runStatus(app, [reference, "impots", "traite"]) }
            await #expect(throws: CommandRefusal.self) { try await runStatus(app, ["A-1-7KQ2M9XH5", "caf", "traite"]) }
            let events = try await Dossiers.events(try app.onlyDossier().requireID(), on: app.db)
            #expect(events.map(\.actor).suffix(2) == ["exploitant", "exploitant"])

            // Another account sees nothing of it.
            try await app.createAccount("paul.durand", email: "paul@exemple.fr")
            let other = app.browser()
            try await other.signIn("paul.durand")
            #expect(try await other.get("/mon-compte/mon-activite/\(reference)").status == .notFound)
            #expect(try await other.download("/demarches/\(reference)/recapitulatif.pdf").status == .notFound)
        }
    }

    func runStatus(_ app: TestApp, _ arguments: [String]) async throws {
        let command = try DossierStatusCommand.parse(arguments)
        _ = try await command.apply(in: OperationContext(guichet: app.app.guichet, db: app.db, clientAddress: "exploitant"))
    }

    @Test func aReferenceWithOneWrongCharacterIsCaughtWhenLookingItUp() async throws {
        try await withApp { app in
            let browser = try await filledBirthRequest(app)
            let reference = try #require(try await browser.submit().page.location?.split(separator: "/").dropFirst().first.map(String.init))
            var characters = Array(reference)
            characters[6] = characters[6] == "A" ? "B" : "A"
            let visitor = app.browser()
            _ = try await visitor.get("/demarches/suivre")
            let typo = try await visitor.post("/demarches/suivre", [("reference", String(characters)), ("courriel", "elodie@exemple.fr")])
            #expect(typo.status == .unprocessableEntity)
            #expect(typo.fieldError("reference")?.contains("un caractère est sans doute mal recopié") == true)
            let wrongEmail = try await visitor.post("/demarches/suivre", [("reference", reference), ("courriel", "autre@exemple.fr")])
            #expect(wrongEmail.fieldError("reference") == "Aucune démarche transmise ne correspond à cette référence et à cette adresse électronique.")
            let found = try await visitor.post("/demarches/suivre", [("reference", reference.lowercased()), ("courriel", "Elodie@Exemple.fr")])
            #expect(found.status == .ok && found.contains("Mairie de Lyon") && found.contains("Transmis"))
            #expect(!found.contains("Télécharger le récapitulatif"), "the receipt stays with the session that sent it")
            let account = try await visitor.post("/demarches/suivre", [("reference", DossierReference.example)])
            #expect(account.fieldError("reference")?.contains("connectez-vous") == true || account.fieldError("reference")?.contains("Connectez-vous") == true)
        }
    }

    @Test func deletingTheAccountDeletesDraftsAndKeepsTransmittedDossiers() async throws {
        try await withApp { app in
            let user = try await app.createAccount("jeanne.martin", email: "jeanne@exemple.fr")
            let browser = app.browser()
            try await browser.signIn()
            try await browser.start("changement-situation-caf")
            _ = try await browser.fill(Sample.caf)
            _ = try await browser.submit()
            try await browser.start("changement-situation-caf")
            _ = try await browser.post("/demarche/etape/1", Sample.caf[0] + [("_action", "enregistrer")])
            #expect(try await app.dossiers().count == 2)
            _ = try await browser.get("/mon-compte/mes-options/suppression")
            let deleted = try await browser.post("/mon-compte/mes-options/suppression", [("password", TestApp.password)])
            #expect(deleted.status == .seeOther)
            let remaining = try await app.dossiers()
            #expect(remaining.count == 1 && remaining[0].state == .submitted && remaining[0].userID == nil)
            #expect(try await Accounts.find(try user.requireID(), on: app.db) == nil)
        }
    }
}
