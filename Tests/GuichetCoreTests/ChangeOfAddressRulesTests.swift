import Foundation
@testable import GuichetCore
import Testing

/// SPEC §5 in the procedure format: `moveDate`, `deliveryAddress` and `fileNumbers`
/// fields, `chosenIn` routing, `updatesProfile`, and what each organisation receives.
@Suite struct ChangeOfAddressRulesTests {
    static let organisations = Data("""
    [{"id": "caf", "name": "CAF", "kind": "Sécurité sociale", "contacts": {"phone": "32 30"}, "help": ["Votre CAF."]},
     {"id": "impots", "name": "Impôts", "kind": "Administration fiscale", "contacts": {"phone": "0 809 401 401"}, "help": ["Impots.gouv.fr."]},
     {"id": "ameli", "name": "Assurance maladie", "kind": "CPAM", "contacts": {"phone": "36 46"}, "help": ["Ameli."]},
     {"id": "cesu", "name": "CESU", "kind": "Urssaf", "contacts": {"phone": "0 806 802 378"}, "help": ["CESU."]}]
    """.utf8)

    static func definition(_ change: (inout [String: Any]) -> Void = { _ in }) -> (name: String, data: Data) {
        var json: [String: Any] = [
            "id": "demenagement", "title": "Déménagement", "description": "Pour les tests.",
            "nature": "service-en-ligne", "themes": ["logement"], "audiences": ["particulier"],
            "processedBy": [["chosenIn": "organismes"]], "accountRequired": true, "afterSubmission": "Chacun met à jour.",
            "updatesProfile": ["address": "nouvelle", "consent": "maj"],
            "steps": [["title": "Tout", "fields": [
                ["id": "date", "type": "moveDate", "label": "Date d'emménagement"],
                ["id": "nouvelle", "type": "deliveryAddress", "label": "Nouvelle adresse"],
                ["id": "maj", "type": "checkboxes", "label": "Profil", "required": false,
                 "choices": [["value": "oui", "label": "Mettre à jour mon profil avec cette adresse"]]],
                ["id": "organismes", "type": "fileNumbers", "label": "Organismes", "organisations": ["caf", "impots", "ameli"]],
            ]]],
        ]
        change(&json)
        return ("demenagement.json", try! JSONSerialization.data(withJSONObject: json))
    }

    static func load(_ change: (inout [String: Any]) -> Void = { _ in }) throws -> Procedure {
        try #require(try ProcedureLoader.load(organisations: organisations, procedures: [definition(change)]).procedure("demenagement"))
    }

    func problems(_ change: (inout [String: Any]) -> Void) -> [String] {
        do {
            _ = try ProcedureLoader.load(organisations: Self.organisations, procedures: [Self.definition(change)])
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    static func setField(_ json: inout [String: Any], _ index: Int, _ key: String, _ value: Any?) {
        var steps = json["steps"] as! [[String: Any]]
        var fields = steps[0]["fields"] as! [[String: Any]]
        fields[index][key] = value
        steps[0]["fields"] = fields
        json["steps"] = steps
    }

    static let context = ValidationContext(today: CalendarDate(year: 2027, month: 1, day: 31)!, postalCodes: ReferenceData.postalCodes,
                                           townHalls: ReferenceData.townHalls)

    // MARK: The definition

    @Test func theDefinitionLoadsWithTheNamesOfItsOrganisations() throws {
        let procedure = try Self.load()
        #expect(procedure.processedBy == [.chosenIn(field: "organismes")])
        #expect(procedure.field("organismes")?.organisations.map(\.label) == ["CAF", "Impôts", "Assurance maladie"])
        #expect(procedure.profileUpdate == ProfileAddressUpdate(addressField: "nouvelle", consentField: "maj"))
    }

    @Test func mistakesInTheNewAttributesAreReportedAtTheirPath() {
        let noList = problems { Self.setField(&$0, 3, "organisations", nil) }
        #expect(noList.contains { $0.contains("steps[0].fields[3].organisations: is required for a fileNumbers field") })
        let unknown = problems { Self.setField(&$0, 3, "organisations", ["caf", "cpam-inconnue"]) }
        #expect(unknown.contains { $0.contains("organisations[1]") && $0.contains("unknown organisation \"cpam-inconnue\"") })
        let noRule = problems { Self.setField(&$0, 3, "organisations", ["cesu"]) }
        #expect(noRule.contains { $0.contains("\"cesu\" has no file-number rule") })
        let misplaced = problems { Self.setField(&$0, 0, "organisations", ["caf"]) }
        #expect(misplaced.contains { $0.contains("steps[0].fields[0].organisations: does not apply to a moveDate field") })
        let routing = problems { $0["processedBy"] = [["chosenIn": "date"]] }
        #expect(routing.contains { $0.contains("processedBy[0].chosenIn: field \"date\" must be a required fileNumbers field") })
        let both = problems { $0["processedBy"] = [["chosenIn": "organismes", "townHallOf": "nouvelle"]] }
        #expect(both.contains { $0.contains("not both") })
        let anonymous = problems { $0["accountRequired"] = false; $0["contactEmailField"] = nil }
        #expect(anonymous.contains { $0.contains("updatesProfile: needs \"accountRequired\": true") })
        let consent = problems { $0["updatesProfile"] = ["address": "nouvelle", "consent": "date"] }
        #expect(consent.contains { $0.contains("updatesProfile.consent: field \"date\" must be an optional checkboxes field with one choice") })
        let address = problems { $0["updatesProfile"] = ["address": "date", "consent": "maj"] }
        #expect(address.contains { $0.contains("updatesProfile.address: field \"date\" is moveDate") })
    }

    // MARK: Checking the answers

    func check(_ input: [(String, String)], mode: ValidationMode = .strict) throws -> Result<Answers, FieldErrors> {
        let procedure = try Self.load()
        let step = procedure.steps[0]
        return procedure.validate(step.typedFields, answers: step.typedAnswers(SubmittedFields(input)), mode: mode, context: Self.context)
    }

    static let address = [("nouvelle.voie", "8 bis avenue du Maréchal Foch"), ("nouvelle.codePostal", "69006"), ("nouvelle.commune", "Lyon")]
    static let numbers = [("organismes.caf.choisi", "oui"), ("organismes.caf", "1234567"),
                          ("organismes.impots.choisi", "oui"), ("organismes.impots", "30 2145 6789 148")]

    @Test func theMoveDateRefusalsNameTheirRule() throws {
        for (typed, expected) in [("1/2/2027", MoveDate.Refusal.badFormat.message),
                                  ("01/ 02/2027", MoveDate.Refusal.containsSpaces.message),
                                  ("30/02/2027", MoveDate.Refusal.noSuchDate.message),
                                  ("30/12/2026", MoveDate.Refusal.tooOld(earliest: CalendarDate(year: 2026, month: 12, day: 31)!).message),
                                  ("01/05/2027", MoveDate.Refusal.tooFarAhead(latest: CalendarDate(year: 2027, month: 4, day: 30)!).message)] {
            guard case .failure(let errors) = try check([("date", typed)] + Self.address + Self.numbers) else {
                Issue.record("\(typed) accepted")
                continue
            }
            #expect(errors["date"] == expected, "\(typed)")
        }
        guard case .failure(let spaced) = try check([("date", " 01/02/2027")] + Self.address + Self.numbers) else {
            Issue.record("a space before the date was accepted")
            return
        }
        #expect(spaced["date"] == MoveDate.Refusal.containsSpaces.message)
        guard case .success(let answers) = try check([("date", "31/12/2026"), ("nouvelle.valider", "8 B AVENUE DU MARECHAL FOCH\r\n69006 LYON")]
                                                     + Self.address + Self.numbers) else {
            Issue.record("the first day of the window is refused")
            return
        }
        #expect(answers["date"] == .text("31/12/2026"))
    }

    @Test func anAddressLaPosteWritesDifferentlyWaitsForADecision() throws {
        guard case .failure(let errors) = try check([("date", "01/02/2027")] + Self.address + Self.numbers) else {
            Issue.record("stored without a decision")
            return
        }
        #expect(errors["nouvelle.voie"] == AddressReview.reviewMessage)
        let procedure = try Self.load()
        let shown = procedure.withProposals(procedure.steps[0].typedAnswers(SubmittedFields(Self.address)), fields: procedure.fields,
                                            context: Self.context)
        guard case .delivery(let answer) = shown["nouvelle"] else { Issue.record("no address shown"); return }
        #expect(answer.proposal == ["8 B AVENUE DU MARECHAL FOCH", "69006 LYON"])
        #expect(AddressReview.typedLines(answer.input) == ["8 bis avenue du Maréchal Foch", "69006 Lyon"])
    }

    @Test func valideStoresTheProposalAndTheBoxKeepsTheInput() throws {
        let accepted = try check([("date", "01/02/2027"), ("nouvelle.valider", "8 B AVENUE DU MARECHAL FOCH\r\n69006 LYON")] + Self.address + Self.numbers)
        guard case .success(let answers) = accepted, case .delivery(let answer) = answers["nouvelle"] else { Issue.record("\(accepted)"); return }
        #expect(answer.lines == ["8 B AVENUE DU MARECHAL FOCH", "69006 LYON"] && !answer.keptAsTyped && answer.inseeCode == "69123")
        #expect(answer.input.street == "8 B AVENUE DU MARECHAL FOCH", "the proposal is put back into the form")

        let kept = try check([("date", "01/02/2027"), ("nouvelle.refus", "oui"), ("nouvelle.proposition", "8 B AVENUE DU MARECHAL FOCH\n69006 LYON")] + Self.address + Self.numbers)
        guard case .success(let keptAnswers) = kept, case .delivery(let keptAnswer) = keptAnswers["nouvelle"] else { Issue.record("\(kept)"); return }
        #expect(keptAnswer.lines == ["8 bis avenue du Maréchal Foch", "69006 Lyon"] && keptAnswer.keptAsTyped)
        #expect(Procedure.display(try Self.load().field("nouvelle")!, keptAnswers["nouvelle"], attachment: { _ in nil }).last?.contains("telle que saisie") == true)

        // A box ticked beside another proposal (the input changed since) keeps nothing.
        let staleBox = try check([("date", "01/02/2027"), ("nouvelle.refus", "oui"), ("nouvelle.proposition", "12 RUE DE LA PAIX\n75002 PARIS")]
                                 + Self.address + Self.numbers)
        guard case .failure(let boxErrors) = staleBox else { Issue.record("a stale refusal kept the input"); return }
        #expect(boxErrors["nouvelle.voie"] == AddressReview.reviewMessage)
        // *Valider* clicked with the box ticked: the button clicked wins.
        let both = try check([("date", "01/02/2027"), ("nouvelle.refus", "oui"), ("nouvelle.proposition", "8 B AVENUE DU MARECHAL FOCH\n69006 LYON"),
                              ("nouvelle.valider", "8 B AVENUE DU MARECHAL FOCH\r\n69006 LYON")] + Self.address + Self.numbers)
        guard case .success(let bothAnswers) = both, case .delivery(let bothAnswer) = bothAnswers["nouvelle"] else { Issue.record("\(both)"); return }
        #expect(!bothAnswer.keptAsTyped && bothAnswer.communeName == "Lyon")

        // A stale proposal (the input changed since the page showed it) is not taken.
        let stale = try check([("date", "01/02/2027"), ("nouvelle.valider", "12 RUE DE LA PAIX\n75002 PARIS")] + Self.address + Self.numbers)
        guard case .failure(let errors) = stale else { Issue.record("a stale proposal was stored"); return }
        #expect(errors["nouvelle.voie"] == AddressReview.reviewMessage)
    }

    @Test func anAddressAlreadyInLaPosteFormNeedsNoDecision() throws {
        let result = try check([("date", "01/02/2027"), ("nouvelle.voie", "12 RUE DE LA PAIX"), ("nouvelle.codePostal", "75002"),
                                ("nouvelle.commune", "PARIS")] + Self.numbers)
        guard case .success(let answers) = result, case .delivery(let answer) = answers["nouvelle"] else { Issue.record("\(result)"); return }
        #expect(answer.lines == ["12 RUE DE LA PAIX", "75002 PARIS"] && answer.inseeCode == "75056")
    }

    @Test func aRefusedAddressPointsAtThePartAtFault() throws {
        let unknown = try check([("date", "01/02/2027"), ("nouvelle.voie", "1 rue Haute"), ("nouvelle.codePostal", "99999"),
                                 ("nouvelle.commune", "Nulle-Part")] + Self.numbers)
        guard case .failure(let errors) = unknown else { Issue.record("accepted"); return }
        #expect(errors["nouvelle.codePostal"]?.hasPrefix("Ce code postal n'existe pas.") == true)
        let several = try check([("date", "01/02/2027"), ("nouvelle.voie", "1 rue Haute"), ("nouvelle.codePostal", "01000")] + Self.numbers)
        guard case .failure(let choose) = several else { Issue.record("accepted"); return }
        #expect(choose["nouvelle.commune"]?.hasPrefix("Ce code postal dessert plusieurs communes : Bourg-en-Bresse et Saint-Denis-lès-Bourg") == true)
        let nothing = try check([("date", "01/02/2027"), ("nouvelle.codePostal", "69006"), ("nouvelle.commune", "Lyon")] + Self.numbers)
        guard case .failure(let missing) = nothing else { Issue.record("accepted"); return }
        #expect(missing["nouvelle.voie"] == AddressMessages.missingStreet)
        // A draft keeps the input unchecked, to be settled before transmission.
        guard case .success(let draft) = try check(Self.address, mode: .lenient), case .delivery(let kept) = draft["nouvelle"] else {
            Issue.record("a draft refused")
            return
        }
        #expect(kept.lines.isEmpty && kept.input.street == "8 bis avenue du Maréchal Foch")
    }

    @Test func eachTickedOrganisationNeedsAValidNumber() throws {
        let cases: [([(String, String)], String, String)] = [
            ([("organismes.caf.choisi", "oui"), ("organismes.caf", "12345")], "organismes.caf", FileNumberRule.Refusal.malformed(.cafNumber).message),
            ([("organismes.caf.choisi", "oui")], "organismes.caf", FileNumberRule.Refusal.missing(.cafNumber).message),
            ([("organismes.impots.choisi", "oui"), ("organismes.impots", "3021456789149")], "organismes.impots",
             FileNumberRule.Refusal.wrongKey(.taxNumber).message),
            ([("organismes.ameli.choisi", "oui"), ("organismes.ameli", "1 84 12 75 115 423 23")], "organismes.ameli",
             FileNumberRule.Refusal.wrongKey(.nir).message),
            ([("organismes.ameli", "1 84 12 75 115 423 22")], "organismes.ameli", "Cochez l'organisme pour lui transmettre ce numéro, ou effacez le numéro."),
            ([], "organismes.caf.choisi", "Choisissez au moins un organisme à informer et donnez son numéro."),
        ]
        for (numbers, input, message) in cases {
            guard case .failure(let errors) = try check([("date", "01/02/2027"), ("nouvelle.refus", "oui"), ("nouvelle.proposition", "8 B AVENUE DU MARECHAL FOCH\n69006 LYON")] + Self.address + numbers) else {
                Issue.record("\(numbers) accepted")
                continue
            }
            #expect(errors[input] == message, "\(numbers)")
        }
        let valid = try check([("date", "01/02/2027"), ("nouvelle.refus", "oui"), ("nouvelle.proposition", "8 B AVENUE DU MARECHAL FOCH\n69006 LYON"), ("organismes.ameli.choisi", "oui"),
                               ("organismes.ameli", "1 84 12 75 115 423 22")] + Self.address + Self.numbers)
        guard case .success(let answers) = valid else { Issue.record("\(valid)"); return }
        #expect(answers["organismes"] == .fileNumbers([FileNumberAnswer(organisation: "caf", number: "1234567"),
                                                       FileNumberAnswer(organisation: "impots", number: "3021456789148"),
                                                       FileNumberAnswer(organisation: "ameli", number: "184127511542322")]))
    }

    // MARK: What each organisation receives

    @Test func eachOrganisationReceivesOnlyItsOwnNumberAndNotTheConsent() throws {
        let procedure = try Self.load()
        var answers = Answers()
        answers["date"] = .text("01/02/2027")
        answers["maj"] = .choices(["oui"])
        answers["organismes"] = .fileNumbers([FileNumberAnswer(organisation: "caf", number: "1234567"),
                                              FileNumberAnswer(organisation: "impots", number: "3021456789148")])
        let caf = procedure.answers(answers, visibleTo: "caf")
        #expect(caf["organismes"] == .fileNumbers([FileNumberAnswer(organisation: "caf", number: "1234567")]))
        #expect(caf["maj"] == nil && caf["date"] == .text("01/02/2027"))
        #expect(procedure.stepsVisible(to: "caf")[0].fields.map(\.id) == ["date", "nouvelle", "organismes"])
        #expect(procedure.stepsVisible(to: nil)[0].fields.count == 4, "the citizen sees everything")
        let lines = procedure.summary(caf, steps: procedure.stepsVisible(to: "caf"), attachment: { _ in nil }).flatMap(\.lines).flatMap(\.value)
        #expect(lines.contains("CAF – Numéro d'allocataire : 1234567") && !lines.contains { $0.contains("3021456789148") })
    }

    @Test func theProfileAddressOfADeliveryAnswerKeepsEveryPart() {
        let answer = DeliveryAnswer(input: DeliveryAddress(deliveryPoint: "APPARTEMENT 12", building: "BATIMENT B", street: "8 B AVENUE FOCH",
                                                           postalCode: "69006", commune: "LYON"), inseeCode: "69123")
        #expect(answer.postalAddress == PostalAddress(line1: "8 B AVENUE FOCH", line2: "APPARTEMENT 12, BATIMENT B", postalCode: "69006",
                                                      city: "LYON", inseeCode: "69123"))
        let box = DeliveryAnswer(input: DeliveryAddress(locality: "BP 40003", postalCode: "81001", commune: "ALBI", cedex: ""))
        #expect(box.postalAddress == PostalAddress(line1: "BP 40003", line2: "", postalCode: "81001", city: "ALBI CEDEX"))
        // The official name where L6 abbreviates, so the profile passes the other checks.
        let saint = DeliveryAnswer(input: DeliveryAddress(street: "3 CHEMIN DES TAMARINS", postalCode: "97438", commune: "STE MARIE"),
                                   communeName: "Sainte-Marie")
        #expect(saint.postalAddress.city == "Sainte-Marie")
    }
}
