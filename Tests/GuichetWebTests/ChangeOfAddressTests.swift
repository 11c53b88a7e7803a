import Fluent
import Foundation
import GuichetCore
import GuichetStore
import GuichetTestSupport
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

/// SPEC §5 through the pages: the La Poste proposal beside the input, *Valider* and the
/// refusal box, the file numbers, the profile box, and each organisation receiving only
/// its own number through the API, the inbox and the receipt it downloads.
@Suite struct ChangeOfAddressTests {
    static let procedure = "declaration-changement-coordonnees"
    /// The test clock reads 15 January 2027: the window is 15/12/2026 to 15/04/2027.
    static let moveDate = "01/02/2027"
    static let numbers: [(String, String)] = [
        ("organismes.caf.choisi", "oui"), ("organismes.caf", "1234567"),
        ("organismes.impots.choisi", "oui"), ("organismes.impots", "3021456789148"),
        ("organismes.ameli.choisi", "oui"), ("organismes.ameli", "1 84 12 75 115 423 22"),
    ]
    static let newAddress: [(String, String)] = [
        ("nouvelleAdresse.pointDeRemise", "Appartement 12"), ("nouvelleAdresse.voie", "8 bis avenue du Maréchal Foch"),
        ("nouvelleAdresse.codePostal", "69006"), ("nouvelleAdresse.commune", "lyon"),
    ]

    /// The demonstration citizen, signed in, with her address in the profile.
    func signedIn(_ app: TestApp) async throws -> TestBrowser { try await DossierFillingTests().signedIn(app) }

    /// Step 1 with the old address accepted as La Poste writes it.
    func firstStep(_ browser: TestBrowser) async throws {
        try await browser.start(Self.procedure)
        let old: [(String, String)] = [("nom", "Martin"), ("prenoms", "Jeanne"), ("dateEmmenagement", Self.moveDate),
                                       ("ancienneAdresse.voie", "12 rue de la Paix"), ("ancienneAdresse.codePostal", "75002"),
                                       ("ancienneAdresse.commune", "Paris")]
        let accepted = try await browser.post("/demarche/etape/1", old + [("ancienneAdresse.valider", "12 RUE DE LA PAIX\r\n75002 PARIS")])
        #expect(accepted.location == "/demarche/etape/2", "\(accepted.summaryErrors)")
    }

    @Test func theProposalIsShownBesideTheInputAndValiderStoresIt() async throws {
        try await withApp { app in
            let browser = try await signedIn(app)
            try await browser.start(Self.procedure)
            let step = try await browser.get("/demarche/etape/1")
            #expect(step.inputValue("ancienneAdresse.voie") == "12 rue de la Paix", "pre-filled from Mes coordonnées")
            #expect(step.inputValue("nom") == "Martin" && !step.contains("Adresse proposée"))

            let review = try await browser.post("/demarche/etape/1", [
                ("nom", "Martin"), ("prenoms", "Jeanne"), ("dateEmmenagement", Self.moveDate), ("ancienneAdresse.voie", "12 rue de la Paix"),
                ("ancienneAdresse.codePostal", "75002"), ("ancienneAdresse.commune", "Paris"), ("_action", "continuer"),
            ])
            #expect(review.status == .unprocessableEntity)
            #expect(review.fieldError("ancienneAdresse.voie") == AddressReview.reviewMessage)
            #expect(review.contains("<h3>Votre saisie</h3>") && review.contains("<h3>Adresse proposée</h3>"))
            #expect(review.contains("12 rue de la Paix<br>75002 Paris") && review.contains("12 RUE DE LA PAIX<br>75002 PARIS"))
            #expect(review.contains(#"name="ancienneAdresse.valider" value="12 RUE DE LA PAIX&#10;75002 PARIS""#)
                    || review.contains("name=\"ancienneAdresse.valider\" value=\"12 RUE DE LA PAIX\n75002 PARIS\""))
            #expect(review.contains(AddressReview.refusalLabel) && review.contains("une adresse inexacte peut ne pas être prise en compte"))
            #expect(review.inputValue("dateEmmenagement") == Self.moveDate, "the other answers are kept")
            guard case .delivery(let before)? = try await app.onlyDossier().answers["ancienneAdresse"] else { Issue.record("no pre-fill"); return }
            #expect(before.lines.isEmpty && before.input.street == "12 rue de la Paix", "nothing stored before a decision")

            let accepted = try await browser.post("/demarche/etape/1", [
                ("nom", "Martin"), ("prenoms", "Jeanne"), ("dateEmmenagement", Self.moveDate), ("ancienneAdresse.voie", "12 rue de la Paix"),
                ("ancienneAdresse.codePostal", "75002"), ("ancienneAdresse.commune", "Paris"),
                ("ancienneAdresse.valider", "12 RUE DE LA PAIX\r\n75002 PARIS"),
            ])
            #expect(accepted.location == "/demarche/etape/2")
            guard case .delivery(let stored) = try await app.onlyDossier().answers["ancienneAdresse"] else { Issue.record("not stored"); return }
            #expect(stored.lines == ["12 RUE DE LA PAIX", "75002 PARIS"] && !stored.keptAsTyped)
            let again = try await browser.get("/demarche/etape/1")
            #expect(again.inputValue("ancienneAdresse.voie") == "12 RUE DE LA PAIX" && !again.contains("Adresse proposée"))
        }
    }

    @Test func theMoveDateAndTheFileNumbersAreRefusedNextToTheirField() async throws {
        try await withApp { app in
            let browser = try await signedIn(app)
            try await browser.start(Self.procedure)
            for (typed, message) in [("1/2/2027", MoveDate.Refusal.badFormat.message),
                                     ("14/12/2026", MoveDate.Refusal.tooOld(earliest: CalendarDate(year: 2026, month: 12, day: 15)!).message),
                                     ("16/04/2027", MoveDate.Refusal.tooFarAhead(latest: CalendarDate(year: 2027, month: 4, day: 15)!).message)] {
                let page = try await browser.post("/demarche/etape/1", [("nom", "Martin"), ("prenoms", "Jeanne"), ("dateEmmenagement", typed),
                                                                        ("_action", "continuer")])
                #expect(page.status == .unprocessableEntity && page.fieldError("dateEmmenagement") == message, "\(typed)")
            }
            try await firstStep(browser)
            let second = try await browser.post("/demarche/etape/2", Self.newAddress + [("nouvelleAdresse.refus", "oui"), ("nouvelleAdresse.proposition", "Appartement 12\n8 B AVENUE DU MARECHAL FOCH\n69006 LYON")])
            #expect(second.location == "/demarche/etape/3")
            let wrong = try await browser.post("/demarche/etape/3", [
                ("organismes.caf.choisi", "oui"), ("organismes.caf", "12345"), ("organismes.impots", "3021456789148"),
                ("organismes.ameli.choisi", "oui"), ("organismes.ameli", "184127511542323"),
            ])
            #expect(wrong.status == .unprocessableEntity && wrong.summaryErrors.count == 3)
            #expect(wrong.fieldError("organismes.caf") == FileNumberRule.Refusal.malformed(.cafNumber).message)
            #expect(wrong.fieldError("organismes.impots") == "Cochez l'organisme pour lui transmettre ce numéro, ou effacez le numéro.")
            #expect(wrong.fieldError("organismes.ameli") == FileNumberRule.Refusal.wrongKey(.nir).message)
            #expect(wrong.inputValue("organismes.ameli") == "184127511542323", "the numbers typed are kept")
            let none = try await browser.post("/demarche/etape/3", [])
            #expect(none.status == .unprocessableEntity && none.fieldError("organismes.caf.choisi")?.contains("Choisissez au moins un organisme") == true)
            #expect(none.contains(##"href="#champ-organismes.caf.choisi""##), "the error summary links to the first box")
            #expect(try await app.onlyDossier().answers["organismes"] == nil)
        }
    }

    @Test func eachOrganisationReceivesOnlyItsOwnNumberAndTheProfileIsUpdatedOnRequest() async throws {
        try await withApp { app in
            let browser = try await signedIn(app)
            try await firstStep(browser)
            let review = try await browser.post("/demarche/etape/2", Self.newAddress + [("majProfil", "oui")])
            #expect(review.status == .unprocessableEntity && review.contains("8 B AVENUE DU MARECHAL FOCH<br>69006 LYON"))
            #expect(review.contains(#"name="majProfil" type="checkbox" value="oui" class="choice__input" checked"#), "the box stays ticked")
            let kept = try await browser.post("/demarche/etape/2", Self.newAddress + [("majProfil", "oui"), ("nouvelleAdresse.refus", "oui"), ("nouvelleAdresse.proposition", "Appartement 12\n8 B AVENUE DU MARECHAL FOCH\n69006 LYON")])
            #expect(kept.location == "/demarche/etape/3")
            #expect(try await browser.fill([Self.numbers], from: 3).location == "/demarche/recapitulatif")

            let summary = try await browser.get("/demarche/recapitulatif")
            #expect(summary.contains("Appartement 12") && summary.contains("8 bis avenue du Maréchal Foch"))
            #expect(summary.contains("sans la correction de La Poste"))
            #expect(summary.contains("Caisse d'allocations familiales (CAF) – Numéro d'allocataire : 1234567"))
            let (sent, _) = try await browser.submit()
            let reference = try #require(sent.location?.components(separatedBy: "/").dropLast().last ?? nil)
            let confirmation = try await browser.get(try #require(sent.location))
            #expect(confirmation.contains("Votre profil a été mis à jour avec cette adresse"))

            let transmissions = try await TransmissionRecord.query(on: app.db).all()
            #expect(Set(transmissions.map(\.organisationKey)) == ["caf", "impots", "ameli"])
            #expect(Set(transmissions.map(\.reference)) == [reference], "one reference, one transmission each")
            let profile = try #require(try await Accounts.find(identifier: "jeanne.martin", on: app.db)?.account?.profile)
            #expect(profile.addressLine1 == "8 bis avenue du Maréchal Foch" && profile.addressLine2 == "Appartement 12")
            #expect(profile.postalCode == "69006" && profile.city == "lyon", "kept as typed, since the proposal was refused")
            #expect(profile.mobilePhone?.display == "06 12 34 56 78", "only the address changes")

            // The citizen's receipt holds every number.
            let own = try await browser.download("/demarches/\(reference)/recapitulatif.pdf")
            let ownText = try text(of: own.data, in: app, named: "citoyen")
            for number in ["1234567", "3021456789148", "184127511542322", "Mettre à jour mon profil"] {
                #expect(ownText.contains(number), "\(number) in the citizen's receipt")
            }

            // Each organisation, through the API and its receipt, sees its own number only.
            let all = ["caf": "1234567", "impots": "3021456789148", "ameli": "184127511542322"]
            for (organisation, number) in all {
                let key = try await app.partnerKey(organisation)
                let detail = try await app.api(.GET, "/api/v1/dossiers/\(reference)", key: key)
                #expect(detail.status == .ok)
                let body = String(decoding: detail.body, as: UTF8.self)
                #expect(body.contains(number) && body.contains("01/02/2027") && body.contains("69006"), "\(organisation)")
                for (other, otherNumber) in all where other != organisation {
                    #expect(!body.contains(otherNumber), "\(organisation) sees the number given to \(other)")
                }
                #expect(!body.contains("majProfil") && !body.contains("Mettre à jour mon profil"))
                let receipt = try await app.api(.GET, "/api/v1/dossiers/\(reference)/receipt", key: key)
                let receiptText = try text(of: receipt.body, in: app, named: organisation)
                #expect(receiptText.contains(number) && receiptText.contains("Nouvelle adresse"))
                for (other, otherNumber) in all where other != organisation {
                    #expect(!receiptText.contains(otherNumber), "\(organisation)'s receipt shows the number given to \(other)")
                }
                #expect(!receiptText.contains("Mettre à jour mon profil"))
            }

            // And through the inbox: an agent of the tax office downloads its receipt.
            let agent = try await app.agent("impots", email: "agent@dgfip.fr")
            let page = try await agent.browser.get("/agents/dossiers/\(reference)")
            #expect(page.status == .ok && page.contains("3021456789148") && !page.contains("1234567") && !page.contains("184127511542322"))
            let inboxReceipt = try await agent.browser.download("/agents/dossiers/\(reference)/recapitulatif.pdf")
            let inboxText = try text(of: inboxReceipt.data, in: app, named: "agent")
            #expect(inboxText.contains("3021456789148") && !inboxText.contains("1234567") && !inboxText.contains("184127511542322"))
        }
    }

    @Test func withoutTheBoxTheProfileStaysAsItWas() async throws {
        try await withApp { app in
            let browser = try await signedIn(app)
            try await firstStep(browser)
            _ = try await browser.post("/demarche/etape/2", Self.newAddress + [("nouvelleAdresse.valider", "Appartement 12\r\n8 B AVENUE DU MARECHAL FOCH\r\n69006 LYON")])
            #expect(try await browser.fill([Self.numbers], from: 3).location == "/demarche/recapitulatif")
            let (sent, _) = try await browser.submit()
            let confirmation = try await browser.get(try #require(sent.location))
            #expect(confirmation.contains("Votre demande a été transmise") && !confirmation.contains("Votre profil a été mis à jour"))
            let profile = try #require(try await Accounts.find(identifier: "jeanne.martin", on: app.db)?.account?.profile)
            #expect(profile.addressLine1 == "12 rue de la Paix" && profile.postalCode == "75002")
            let dossier = try #require(try await app.dossiers().first)
            guard case .delivery(let address) = dossier.answers["nouvelleAdresse"] else { Issue.record("no address"); return }
            #expect(address.lines == ["Appartement 12", "8 B AVENUE DU MARECHAL FOCH", "69006 LYON"] && !address.keptAsTyped)
        }
    }

    private func text(of pdf: Data, in app: TestApp, named name: String) throws -> String {
        let file = app.database.directory.appendingPathComponent("recu-\(name).pdf")
        try pdf.write(to: file)
        #expect(try Tools.qpdfCheck(file))
        return try Tools.pdfText(file)
    }
}
