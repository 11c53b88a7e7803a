import Foundation
@testable import GuichetCore
import Testing

/// Start-up validation of procedure definitions: every mistake is reported at its path.
@Suite struct ProcedureLoaderTests {
    static let organisations = Data("""
    [{"id": "caf", "name": "Caisse d'allocations familiales (CAF)", "kind": "Sécurité sociale",
      "contacts": {"phone": "32 30"}, "help": ["Adressez-vous à votre CAF."]}]
    """.utf8)

    /// A valid definition, with `change` applied to its JSON object.
    static func definition(_ id: String = "exemple", _ change: (inout [String: Any]) -> Void = { _ in }) -> (name: String, data: Data) {
        var json: [String: Any] = [
            "id": id, "title": "Démarche d'exemple", "description": "Une démarche pour les tests.",
            "nature": "formulaire-en-ligne", "themes": ["famille"], "audiences": ["particulier"],
            "processedBy": [["organisation": "caf"]], "accountRequired": true,
            "afterSubmission": "La CAF traite votre demande.",
            "steps": [["title": "Vous", "fields": [
                ["id": "nom", "type": "text", "label": "Nom", "prefill": "profile.lastName"],
                ["id": "naissance", "type": "date", "label": "Date de naissance", "notAfter": "today"],
            ]]],
        ]
        change(&json)
        return (id + ".json", try! JSONSerialization.data(withJSONObject: json))
    }

    func problems(_ files: [(name: String, data: Data)], organisations: Data = organisations) -> [String] {
        do {
            _ = try ProcedureLoader.load(organisations: organisations, procedures: files)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    static func setField(_ json: inout [String: Any], _ key: String, _ value: Any) {
        var steps = json["steps"] as! [[String: Any]]
        var fields = steps[0]["fields"] as! [[String: Any]]
        fields[0][key] = value
        steps[0]["fields"] = fields
        json["steps"] = steps
    }

    @Test func theShippedDefinitionsLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalogue = try ProcedureLoader.load(directory: root.appendingPathComponent("Procedures"))
        let ids = Set(catalogue.procedures.map(\.id))
        #expect(ids.isSuperset(of: ["inscription-listes-electorales", "demande-acte-naissance", "changement-situation-caf",
                                    "declaration-changement-coordonnees"]))
        #expect(catalogue.procedures.filter { $0.nature == .blankForm }.count >= 2)
        let electoral = try #require(catalogue.procedure("inscription-listes-electorales"))
        #expect(electoral.cerfaLabel == "cerfa n°12669*02")
        #expect(electoral.processedBy == [.townHallOf(field: "adresse")])
        let birth = try #require(catalogue.procedure("demande-acte-naissance"))
        #expect(!birth.accountRequired && birth.contactEmailField == "courriel")
        let move = try #require(catalogue.procedure("declaration-changement-coordonnees"))
        #expect(move.canBeFilledOnline && move.processedBy == [.chosenIn(field: "organismes")])
        #expect(move.profileUpdate == ProfileAddressUpdate(addressField: "nouvelleAdresse", consentField: "majProfil"))
        #expect(move.field("organismes")?.organisations.map(\.value) == ["caf", "impots", "ameli", "cnav", "msa", "caisse-des-depots"])
        #expect(catalogue.organisations.count == 10)
    }

    @Test func aValidDefinitionLoads() throws {
        let catalogue = try ProcedureLoader.load(organisations: Self.organisations, procedures: [Self.definition()])
        let procedure = try #require(catalogue.procedure("exemple"))
        #expect(procedure.fields.map(\.id) == ["nom", "naissance"])
        #expect(procedure.field("nom")?.prefill == .lastName)
        #expect(procedure.field("naissance")?.notAfter == DateBound("today"))
        #expect(procedure.savingOffered && procedure.available)
    }

    @Test func anUnknownFieldTypeIsReportedAtItsPath() {
        let found = problems([Self.definition { Self.setField(&$0, "type", "signature") }])
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("exemple.json: steps[0].fields[0].type:") == true)
        #expect(found.first?.contains("signature") == true)
    }

    @Test func aBrokenPrefillBindingIsReported() {
        let unknown = problems([Self.definition { Self.setField(&$0, "prefill", "profile.shoeSize") }])
        #expect(unknown.count == 1 && unknown[0].contains("steps[0].fields[0].prefill"))
        // A binding to a profile value of another kind (a date into a text field).
        let incompatible = problems([Self.definition { Self.setField(&$0, "prefill", "profile.address") }])
        #expect(incompatible.count == 1 && incompatible[0].contains("prefill"))
    }

    @Test func duplicateFieldIDsAreReported() {
        let found = problems([Self.definition { json in
            var steps = json["steps"] as! [[String: Any]]
            steps.append(["title": "Encore", "fields": [["id": "nom", "type": "text", "label": "Nom encore"]]])
            json["steps"] = steps
        }])
        #expect(found.contains { $0.contains("nom") && $0.lowercased().contains("duplicate") })
    }

    @Test func unknownKeysGetASuggestion() {
        let found = problems([Self.definition { json in json["acountRequired"] = false }])
        #expect(found.count == 1)
        #expect(found[0].contains("acountRequired") && found[0].contains("accountRequired"))
    }

    @Test func theIDMustMatchTheFileName() {
        let found = problems([(name: "autre.json", data: Self.definition().data)])
        #expect(found == ["autre.json: id: \"exemple\" must match the file name (expected exemple.json)"])
    }

    @Test func referencesToUnknownOrganisationsAndBadCERFANumbersAreReported() {
        let found = problems([Self.definition { json in
            json["processedBy"] = [["organisation": "cpam-inconnue"]]
            json["cerfa"] = "12669-02"
        }])
        #expect(found.count == 2)
        #expect(found.contains { $0.contains("cpam-inconnue") })
        #expect(found.contains { $0.contains("cerfa") && $0.contains("12669*02") })
    }

    @Test func routingToATownHallNeedsARequiredAddressOrCommuneField() {
        let found = problems([Self.definition { json in json["processedBy"] = [["townHallOf": "nom"]] }])
        #expect(found.count == 1 && found[0].contains("processedBy"))
    }

    @Test func aProcedureWithoutAccountNeedsAContactEmailField() {
        let found = problems([Self.definition { json in json["accountRequired"] = false }])
        #expect(found.count == 1 && found[0].contains("contactEmailField"))
    }

    @Test func invalidRegularExpressionsAndDateBoundsAreReported() {
        let pattern = problems([Self.definition { Self.setField(&$0, "pattern", "[0-9"); Self.setField(&$0, "patternMessage", "Chiffres") }])
        #expect(pattern.count == 1 && pattern[0].contains("steps[0].fields[0].pattern"), "\(pattern)")
        let brokenAlone = problems([Self.definition { Self.setField(&$0, "pattern", "a)|(b"); Self.setField(&$0, "patternMessage", "a ou b") }])
        #expect(brokenAlone.count == 1 && brokenAlone[0].contains("pattern"), "valid only once anchored: \(brokenAlone)")
        let unexplained = problems([Self.definition { Self.setField(&$0, "pattern", "[0-9]+") }])
        #expect(unexplained.count == 1 && unexplained[0].contains("patternMessage"), "a pattern needs its French message: \(unexplained)")
        let bound = problems([Self.definition { json in
            var steps = json["steps"] as! [[String: Any]]
            var fields = steps[0]["fields"] as! [[String: Any]]
            fields[1]["notAfter"] = "demain"
            steps[0]["fields"] = fields
            json["steps"] = steps
        }])
        #expect(bound.count == 1 && bound[0].contains("notAfter"))
    }

    @Test func everyProblemOfEveryFileIsListedAtOnce() {
        let broken = Data("{ \"id\": ".utf8)
        let found = problems([(name: "casse.json", data: broken),
                              Self.definition { Self.setField(&$0, "type", "signature"); $0["nature"] = "papier" }])
        #expect(found.count == 3)
        #expect(found.contains { $0.hasPrefix("casse.json") })
    }

    @Test func organisationsMustBeValidToo() {
        let found = problems([Self.definition()], organisations: Data(#"[{"id": "mairie-75056", "name": "X", "kind": "Y", "contacts": {}, "help": []}]"#.utf8))
        #expect(found.contains { $0.contains("mairie-") })
    }

    @Test func aDirectoryWithoutOrganisationsFileIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("procedures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.definition().data.write(to: directory.appendingPathComponent("exemple.json"))
        #expect(throws: ProcedureLoadError.self) { try ProcedureLoader.load(directory: directory) }
    }
}
