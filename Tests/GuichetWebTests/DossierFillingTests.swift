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

/// SPEC §4: filling step by step, pre-fill, errors, attachments, *Enregistrer*,
/// *Mon activité* and *Compléter*, one procedure at a time.
@Suite struct DossierFillingTests {
    func signedIn(_ app: TestApp) async throws -> TestBrowser {
        let user = try await app.createAccount("jeanne.martin", email: "jeanne@exemple.fr")
        // The demonstration citizen's details: birth date and place, address.
        try await Accounts.saveProfile(user, DemoData.completed(user.profile), now: app.clock.now(), on: app.db)
        let browser = app.browser()
        try await browser.signIn()
        return browser
    }

    @Test func stepsArePrefilledFromTheProfile() async throws {
        try await withApp { app in
            let browser = try await signedIn(app)
            let start = try await browser.start("inscription-listes-electorales")
            #expect(start.location == "/demarche/etape/1")
            let step = try await browser.get("/demarche/etape/1")
            #expect(step.heading?.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression) == "Étape 1 sur 4 : Votre identité")
            #expect(step.inputValue("nomNaissance") == "Martin" && step.inputValue("prenoms") == "Jeanne")
            #expect(step.inputValue("dateNaissance") == "14/07/1985" && step.inputValue("lieuNaissance") == "Lyon")
            #expect(step.contains(#"value="madame" class="choice__input" checked"#))
            #expect(step.contains(#"aria-current="step""#))
            let dossier = try await app.onlyDossier()
            #expect(dossier.state == .draft && dossier.userID != nil)
        }
    }

    @Test func aStepWithErrorsKeepsWhatWasTypedAndExplainsInFrench() async throws {
        try await withApp { app in
            let browser = app.browser()
            try await browser.start("demande-acte-naissance")
            let page = try await browser.post("/demarche/etape/1", [("nom", "Dupont"), ("dateNaissance", "31/02/1990"),
                                                                     ("communeNaissance.codePostal", "69003"),
                                                                     ("communeNaissance.commune", "Paris")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.title?.hasPrefix("Erreur : ") == true)
            #expect(page.summaryErrors.count == 4)
            #expect(page.fieldError("prenoms") == "Renseignez le champ « Prénoms de la personne ».")
            #expect(page.fieldError("dateNaissance") == "Cette date n'existe pas : vérifiez le jour et le mois.")
            #expect(page.fieldError("communeNaissance.commune")?.contains("ne correspond pas au code postal 69003") == true)
            #expect(page.inputValue("nom") == "Dupont" && page.inputValue("dateNaissance") == "31/02/1990")
            #expect(try await app.onlyDossier().answers["nom"] == nil, "nothing is stored from a refused step")
        }
    }

    @Test func continuingStoresTheStepAndPreviousComesBack() async throws {
        try await withApp { app in
            let browser = app.browser()
            try await browser.start("demande-acte-naissance")
            let next = try await browser.fill([Sample.birth[0]])
            #expect(next.location == "/demarche/etape/2")
            let back = try await browser.post("/demarche/etape/2", [("typeActe", "copie-integrale"), ("_action", "precedent")])
            #expect(back.location == "/demarche/etape/1")
            let first = try await browser.get("/demarche/etape/1")
            #expect(first.inputValue("prenoms") == "Élodie" && first.inputValue("communeNaissance.commune") == "Lyon")
            let dossier = try await app.onlyDossier()
            #expect(dossier.answers["typeActe"] == .text("copie-integrale"), "precedent keeps what was typed")
            #expect(dossier.answers["communeNaissance"]?.inseeCode == "69123")
            #expect(try await browser.get("/demarche/etape/9").status == .notFound)
        }
    }

    @Test func withoutADossierInProgressTheStepsLeadToTheCatalogue() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/demarche/etape/1")
            #expect(page.status == .seeOther && page.location == "/services-en-ligne-et-formulaires")
            let summary = try await app.browser().get("/demarche/recapitulatif")
            #expect(summary.location == "/services-en-ligne-et-formulaires")
        }
    }

    @Test func savingWithAnAccountListsTheDraftInMonActiviteAndCompleterResumesIt() async throws {
        try await withApp { app in
            let browser = try await signedIn(app)
            try await browser.start("changement-situation-caf")
            let saved = try await browser.post("/demarche/etape/1", Sample.caf[0] + [("_action", "enregistrer")])
            #expect(saved.location == "/demarches/dossier-enregistre")
            let confirmation = try await browser.get("/demarches/dossier-enregistre")
            #expect(confirmation.heading == "Votre démarche est enregistrée")
            let expiry = FrenchDate.withTime(app.clock.now().addingTimeInterval(15 * 24 * 3600))
            #expect(confirmation.contains("enregistrée jusqu'au \(expiry)"))
            let dossier = try await app.onlyDossier()
            #expect(dossier.state == .saved && dossier.expiresAt == app.clock.now().addingTimeInterval(15 * 24 * 3600))

            let account = try await browser.get("/mon-compte")
            #expect(account.contains(#"href="/mon-compte/mon-activite""#))
            let activity = try await browser.get("/mon-compte/mon-activite")
            #expect(activity.contains("Signaler un changement de situation familiale à la CAF"))
            #expect(activity.contains(expiry) && activity.contains("Compléter"))

            // Signing out forgets the dossier in progress; Compléter brings it back.
            _ = try await browser.post("/deconnexion", [])
            try await browser.signIn()
            let resumed = try await browser.post("/mon-compte/mon-activite/brouillons/\(try dossier.requireID())/completer", [])
            #expect(resumed.location == "/demarche/etape/1")
            let step = try await browser.get("/demarche/etape/1")
            #expect(step.inputValue("numeroAllocataire") == "1234567")
        }
    }

    @Test func aDraftOfAnotherAccountCannotBeOpened() async throws {
        try await withApp { app in
            let browser = try await signedIn(app)
            try await browser.start("changement-situation-caf")
            _ = try await browser.post("/demarche/etape/1", Sample.caf[0] + [("_action", "enregistrer")])
            let dossier = try await app.onlyDossier()
            try await app.createAccount("paul.durand", email: "paul@exemple.fr")
            let other = app.browser()
            try await other.signIn("paul.durand")
            let page = try await other.post("/mon-compte/mon-activite/brouillons/\(try dossier.requireID())/completer", [])
            #expect(page.status == .notFound)
            #expect(!(try await other.get("/mon-compte/mon-activite").contains("Signaler un changement")))
        }
    }

    @Test func startingAnotherProcedureShowsTheChoicePage() async throws {
        try await withApp { app in
            let browser = try await signedIn(app)
            try await browser.start("changement-situation-caf")
            _ = try await browser.fill([Sample.caf[0]])
            let second = try await browser.start("demande-acte-naissance")
            #expect(second.location == "/demarche/demarche-en-cours")
            let choice = try await browser.get("/demarche/demarche-en-cours")
            #expect(choice.heading == "Vous avez une démarche en cours")
            #expect(choice.contains("Continuer « Signaler un changement de situation familiale à la CAF »"))
            #expect(choice.contains("Enregistrer « Signaler un changement de situation familiale à la CAF » et commencer la nouvelle démarche"))
            #expect(choice.contains("Abandonner"))

            // Continue: back where the user was; nothing new is created.
            let keep = try await browser.post("/demarche/demarche-en-cours", [("_action", "continuer")])
            #expect(keep.location == "/demarche/etape/2")
            #expect(try await app.dossiers().count == 1)

            // Save and start the other one.
            _ = try await browser.start("demande-acte-naissance")
            let save = try await browser.post("/demarche/demarche-en-cours", [("_action", "enregistrer")])
            #expect(save.location == "/demarche/etape/1")
            let all = try await app.dossiers()
            #expect(all.count == 2 && all[0].state == .saved && all[1].procedureID == "demande-acte-naissance")

            // Abandon and start the CAF one again: the birth request is deleted.
            _ = try await browser.start("changement-situation-caf")
            let abandon = try await browser.post("/demarche/demarche-en-cours", [("_action", "abandonner")])
            #expect(abandon.location == "/demarche/etape/1")
            let remaining = try await app.dossiers()
            #expect(remaining.map(\.procedureID).sorted() == ["changement-situation-caf", "changement-situation-caf"])
        }
    }

    @Test func startingTheSameProcedureAgainContinuesIt() async throws {
        try await withApp { app in
            let browser = app.browser()
            try await browser.start("demande-acte-naissance")
            _ = try await browser.fill([Sample.birth[0]])
            let again = try await browser.start("demande-acte-naissance")
            #expect(again.location == "/demarche/etape/2")
            #expect(try await app.dossiers().count == 1)
        }
    }

    @Test func abandoningDeletesTheDossier() async throws {
        try await withApp { app in
            let browser = app.browser()
            try await browser.start("demande-acte-naissance")
            _ = try await browser.fill([Sample.birth[0]])
            let confirm = try await browser.get("/demarche/abandonner")
            #expect(confirm.heading == "Abandonner la démarche")
            let done = try await browser.post("/demarche/abandonner", [])
            #expect(done.location == "/services-en-ligne-et-formulaires")
            #expect(try await app.dossiers().isEmpty)
            #expect(try await browser.get("/services-en-ligne-et-formulaires").contains("a été abandonnée"))
        }
    }

    @Test func attachmentsComeFromTheWalletOrAnUploadThatCanBeKept() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let browser = try await signedIn(app)
            let sent = try await browser.postMultipart("/mon-compte/mes-documents/ajouter",
                                                       fields: [("title", "Passeport"), ("category", "identite")],
                                                       files: [("fichier1", "passeport.jpg", try Data(contentsOf: corpus.url("jpeg-rgb.jpg")))])
            #expect(sent.status == .seeOther)
            let document = try #require(try await DocumentRecord.query(on: app.db).first())
            try await browser.start("inscription-listes-electorales")
            _ = try await browser.fill([
                [("civilite", "madame"), ("nomNaissance", "Martin"), ("prenoms", "Jeanne"), ("dateNaissance", "14/07/1985"),
                 ("lieuNaissance", "Lyon"), ("nationalite", "francaise")],
                [("adresse.ligne1", "12 rue de la Paix"), ("adresse.codePostal", "75002"), ("adresse.commune", "Paris"),
                 ("attache", "domicile"), ("courriel", "jeanne@exemple.fr")],
            ])
            let step = try await browser.get("/demarche/etape/3")
            #expect(step.contains(#"enctype="multipart/form-data""#))
            #expect(step.contains("Passeport (1 page)"))

            // A missing required attachment is refused with its message.
            let missing = try await browser.postMultipart("/demarche/etape/3", fields: [("_action", "continuer")], files: [])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.fieldError("pieceIdentite") == "Joignez le document « Pièce d'identité ».")

            // The wallet document for one, an uploaded PDF (kept in the wallet too) for the other.
            let pdf = try Data(contentsOf: corpus.url("pdf-1.pdf"))
            let attached = try await browser.postMultipart(
                "/demarche/etape/3",
                fields: [("pieceIdentite.document", try document.requireID().uuidString), ("justificatifDomicile.conserver", "oui"),
                         ("_action", "continuer")],
                files: [("justificatifDomicile", "facture.pdf", pdf)])
            #expect(attached.location == "/demarche/etape/4", "\(attached.summaryErrors)")
            let dossier = try await app.onlyDossier()
            let attachments = try await DossierAttachments.list(dossierID: try dossier.requireID(), on: app.db)
            #expect(attachments.count == 2)
            #expect(attachments.map(\.title).sorted() == ["Justificatif de domicile de moins de 3 mois", "Passeport"])
            let wallet = try await DocumentRecord.query(on: app.db).all()
            #expect(wallet.count == 2, "the upload was kept in the wallet")

            let again = try await browser.get("/demarche/etape/3")
            #expect(again.contains("Document joint : "))
            let link = try #require(again.firstMatch(#"/demarche/piece-jointe/[0-9A-F-]+"#))
            let download = try await browser.download(link)
            #expect(download.status == .ok && download.data.starts(with: Data("%PDF".utf8)))
            #expect(try await app.browser().download(link).status == .seeOther, "another session cannot download it")

            // An unreadable file on another try: the message, the files to choose again.
            let broken = try await browser.postMultipart("/demarche/etape/3", fields: [("_action", "continuer")],
                                                         files: [("pieceIdentite", "vide.pdf", Data("pas un pdf".utf8))])
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.contains("les fichiers envoyés ne sont pas conservés"))
            #expect(try await DossierAttachments.list(dossierID: try dossier.requireID(), on: app.db).count == 2)
        }
    }

    /// Property: whatever a step receives (any field, any value, broken encodings, files
    /// where none are expected), the answer is a page or a redirect, never a server error,
    /// and what is stored always passes the lenient rules.
    @Test func randomStepPostsNeverCauseAServerError() async throws {
        try await withApp { app in
            let browser = app.browser()
            try await browser.start("demande-acte-naissance")
            let token = try #require(browser.cookies["guichet-csrf"])
            var generator = SystemRandomNumberGenerator()
            let names = ["demandeur", "nom", "prenoms", "dateNaissance", "communeNaissance.codePostal", "communeNaissance.commune",
                         "nomPere", "_action", "retour", "inconnu", "typeActe", "exemplaires"]
            let values = ["", "soi", "autre", "x", String(repeating: "é", count: 300), "31/12/9999", "00/00/0000", "69003", "Lyon",
                          "<script>", "\u{0}", "%", "continuer", "enregistrer", "precedent", "recapitulatif", "-1", "99999999999"]
            for round in 0..<120 {
                let body: ByteBuffer
                if round % 3 == 0 {
                    body = ByteBuffer(bytes: (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
                } else {
                    let pairs = (0..<Int.random(in: 0...10, using: &generator)).map { _ in
                        (names.randomElement(using: &generator)!, values.randomElement(using: &generator)!)
                    }
                    body = ByteBuffer(string: TestBrowser.encode(pairs))
                }
                let step = Int.random(in: 1...3, using: &generator)
                let page = try await browser.send(.POST, "/demarche/etape/\(step)",
                                                  headers: ["Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": token],
                                                  body: body)
                #expect([.seeOther, .unprocessableEntity].contains(page.status), "round \(round): \(page.status)")
                if page.status == .seeOther, page.location == "/demarche/enregistrer" {
                    // A first save without an account asks for an address: go back to filling.
                    continue
                }
            }
            let dossier = try await app.onlyDossier()
            let procedure = try #require(app.app.guichet.procedures.procedure("demande-acte-naissance"))
            let context = ValidationContext(today: CalendarDate(app.clock.now()), postalCodes: app.app.guichet.postalCodes,
                                            townHalls: app.app.guichet.townHalls)
            let stored = procedure.validate(procedure.fields, answers: dossier.answers, mode: .lenient, context: context)
            if case .failure(let errors) = stored { Issue.record("stored answers break the rules: \(errors.entries)") }
        }
    }

    @Test func aDraftNeverSavedIsDeletedAfterTwelveIdleHours() async throws {
        try await withApp { app in
            let browser = app.browser()
            try await browser.start("demande-acte-naissance")
            _ = try await browser.fill([Sample.birth[0]])
            app.clock.advance(by: 12 * 3600 - 1)
            _ = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            #expect(try await app.dossiers().count == 1)
            app.clock.advance(by: 1)
            _ = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            #expect(try await app.dossiers().isEmpty)
        }
    }
}
