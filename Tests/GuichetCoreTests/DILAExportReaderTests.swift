import Foundation
import GuichetCore
import Testing

/// A temporary file holding `text`, removed by the caller with `remove`.
func temporaryExport(_ text: String) throws -> URL { try temporaryExport(Data(text.utf8)) }

func temporaryExport(_ data: Data) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dila-\(UUID().uuidString).json")
    try data.write(to: url)
    return url
}

func removeExport(_ url: URL) { try? FileManager.default.removeItem(at: url) }

/// The syntax error reading `text` throws, if any.
private func syntaxError(reading text: String, chunkSize: Int = 64 * 1024) throws -> DILAExportError? {
    let url = try temporaryExport(text)
    defer { removeExport(url) }
    do {
        _ = try DILAExportReader(url: url, chunkSize: chunkSize).validate()
        return nil
    } catch {
        return error
    }
}

private func bodies(reading text: String, chunkSize: Int = 64 * 1024, maximumRecordSize: Int = 1024 * 1024) throws
    -> (results: [Result<PublicBody, DILARecordRejection>], report: DirectoryImportReport) {
    let url = try temporaryExport(text)
    defer { removeExport(url) }
    var results: [Result<PublicBody, DILARecordRejection>] = []
    let report = try DILAExportReader(url: url, chunkSize: chunkSize, maximumRecordSize: maximumRecordSize).forEach { results.append($0) }
    return (results, report)
}

@Suite struct DILAExportSampleTests {
    private let sample = Dictionary(uniqueKeysWithValues: ReferenceData.directorySample.map { ($0.id, $0) })

    @Test func theShippedSampleReadsFully() throws {
        let report = try DILAExportReader(url: ReferenceData.directorySampleURL).validate()
        #expect(report.accepted == 20 && report.rejected == 0)
        #expect(sample.count == 20)
        #expect(sample.keys.allSatisfy { $0.hasPrefix(ReferenceData.directorySamplePrefix) })
        let kinds = Set(sample.values.flatMap(\.kinds))
        #expect(kinds.isSuperset(of: ["caf", "cpam", "prefecture", "sous_pref", "sip", "sie"]))
    }

    @Test func aRecordWithBothAddressesKeepsThemApart() throws {
        let prefecture = try #require(sample["exemple-prefecture-69"])
        #expect(prefecture.name == "Préfecture du Rhône" && prefecture.kinds == ["prefecture"] && prefecture.inseeCode == "69383")
        #expect(prefecture.address == ["106 rue Pierre-Corneille", "69003 Lyon"])
        #expect(prefecture.postalAddress == ["Préfecture du Rhône", "69419 Lyon Cedex 03"])
        #expect(prefecture.postalCode == "69003" && prefecture.commune == "Lyon")
        #expect(prefecture.phones == [PublicBody.Phone(number: "04 72 61 60 60", description: "Standard")])
        #expect(prefecture.emails == ["pref-courrier@rhone.gouv.fr"])
        #expect(prefecture.websites.first?.url == "https://www.rhone.gouv.fr")
        #expect(prefecture.modifiedAt == Date(timeIntervalSince1970: 1_737_972_165)) // 27/01/2025 11:02:45 in Paris
        #expect(prefecture.schedule.rows.first?.hours == "8 h 45 – 11 h 45, 13 h 30 – 16 h")
    }

    @Test func anAddressListWrittenAsJSONInsideAString() throws {
        let caf = try #require(sample["exemple-caf-69"])
        #expect(caf.address == ["67 boulevard Vivier-Merle", "69003 Lyon"])
        #expect(caf.postalCode == "69003" && caf.commune == "Lyon")
    }

    @Test func openingHoursWrittenAsJSONInsideAString() throws {
        let prefecture = try #require(sample["exemple-prefecture-33"])
        #expect(prefecture.schedule.summary == ["Du lundi au vendredi : 8 h 30 – 12 h, 13 h 30 – 16 h"])
    }

    @Test func plainStringsWhereListsAreExpected() throws {
        let cpam = try #require(sample["exemple-cpam-75"])
        #expect(cpam.phones == [PublicBody.Phone(number: "36 46")])
        #expect(cpam.websites == [PublicBody.Website(url: "https://www.ameli.fr/paris")])
        #expect(cpam.emails.isEmpty)
        let sousPrefecture = try #require(sample["exemple-sous-pref-44-saint-nazaire"])
        #expect(sousPrefecture.address == ["2 rue Vincent-Auriol", "44600 Saint-Nazaire"])
        #expect(sousPrefecture.postalCode == "44600" && sousPrefecture.commune == "Saint-Nazaire")
    }

    @Test func emptyStringsForNull() throws {
        let caf = try #require(sample["exemple-caf-59"])
        #expect(caf.phones.isEmpty && caf.emails.isEmpty && caf.websites.isEmpty && caf.modifiedAt == nil)
        #expect(caf.inseeCode == "59350") // from the pivot when code_insee_commune is ""
        #expect(caf.schedule.rows.first?.hours == "8 h 30 – 16 h")
    }

    @Test func saturdayMorningAndOverseasBodies() throws {
        let caf = try #require(sample["exemple-caf-33"])
        #expect(caf.schedule.summary.last == "Samedi : 9 h – 12 h")
        let martinique = try #require(sample["exemple-prefecture-972"])
        #expect(martinique.timeZone.identifier == "America/Martinique")
        #expect(martinique.schedule.rows[4].hours == "7 h 30 – 12 h 30") // Vendredi with an empty nom_jour_fin
    }
}

@Suite struct DILARecordTests {
    private func body(_ json: String) throws -> Result<PublicBody, DILARecordRejection.Reason> {
        DILARecord.publicBody(from: try JSONValue.parse(Data(json.utf8)))
    }

    @Test func numbersStringsAndOddValuesAreTolerated() throws {
        let result = try body("""
            {"id": 12345, "nom": "  CAF de Test ", "pivot": "caf", "telephone": ["01 02 03 04 05", {"valeur": "", "description": "x"}],
             "adresse_courriel": ["pas une adresse", "Accueil@Exemple.FR", "accueil@exemple.fr"],
             "site_internet": [{"valeur": "www.caf.fr", "libelle": "Site"}, {"valeur": "javascript:alert(1)"}, "ftp://x.fr"],
             "plage_ouverture": [{"nom_jour_debut": "Mardi", "nom_jour_fin": "Jeudi", "valeur_heure_debut_1": "9:00",
                                  "valeur_heure_fin_1": "12:00", "valeur_heure_debut_2": "", "valeur_heure_fin_2": ""},
                                 {"nom_jour_debut": "", "valeur_heure_debut_1": "10:00", "valeur_heure_fin_1": "11:00"}],
             "adresse": "[{\\"type_adresse\\": \\"Adresse\\", \\"numero_voie\\": \\"1 rue X\\", \\"code_postal\\": 75001, \\"nom_commune\\": \\"Paris\\"}]",
             "date_modification": "2025-02-03T10:00:00"}
            """).get()
        #expect(result.id == "12345" && result.name == "CAF de Test" && result.kinds == ["caf"])
        #expect(result.phones == [PublicBody.Phone(number: "01 02 03 04 05")])
        #expect(result.emails == ["Accueil@exemple.fr", "accueil@exemple.fr"])
        #expect(result.websites == [PublicBody.Website(url: "https://www.caf.fr", label: "Site")])
        #expect(result.schedule.rows.map(\.isOpen) == [false, true, true, true, false, false, false])
        #expect(result.address == ["1 rue X", "75001 Paris"] && result.postalCode == "75001")
        #expect(result.modifiedAt != nil)
    }

    @Test func aRecordWithoutIdOrNameIsRejected() throws {
        #expect(try body(#"{"nom": "X"}"#) == .failure(.missingID))
        #expect(try body(#"{"id": "", "nom": "X"}"#) == .failure(.missingID))
        #expect(try body(#"{"id": "a", "nom": "  "}"#) == .failure(.missingName))
        #expect(try body(#""text""#) == .failure(.notAnObject))
    }
}

@Suite struct DILAExportReaderTests {
    static let twoRecords = """
        {
          "service": [
            {"id": "a", "nom": "Mairie d'Exemple", "pivot": [{"type_service_local": "mairie"}]},
            {"id": "b", "nom": "CAF d'Exemple", "adresse": [{"numero_voie": "1 rue \\"Haute\\" \\u00e9", "code_postal": "75001", "nom_commune": "Paris"}]}
          ]
        }
        """

    @Test func recordsAreReadInOrderWhateverTheChunkSize() throws {
        let reference = try bodies(reading: Self.twoRecords)
        #expect(reference.report.accepted == 2 && reference.report.lines == 6)
        #expect(try reference.results.map { try $0.get().id } == ["a", "b"])
        #expect(try reference.results[1].get().address.first == "1 rue \"Haute\" é")
        for chunkSize in [1, 2, 3, 7, 64] {
            let read = try bodies(reading: Self.twoRecords, chunkSize: chunkSize)
            #expect(read.results == reference.results, "chunk size \(chunkSize)")
        }
    }

    @Test func otherKeysAndNestedServiceKeysAreSkipped() throws {
        let text = """
            \u{FEFF}{"meta": {"service": 3, "liste": [1, -2.5e3, true, null, {"service": []}]}, "service": [{"id": "x", "nom": "Y"}], "fin": "\\/"}
            """
        for chunkSize in [1, 2, 5, 64 * 1024] {
            #expect(try bodies(reading: text, chunkSize: chunkSize).report.accepted == 1, "chunk size \(chunkSize)")
        }
        #expect(try syntaxError(reading: "\u{FEFF}\u{FEFF}{\"service\": []}")?.kind == .unexpectedCharacter("octet 0xEF"))
    }

    @Test func rejectedRecordsAreCountedByReason() throws {
        let text = """
            {"service": [
              {"id": "ok-1", "nom": "Préfecture"},
              {"nom": "Sans identifiant"},
              {"id": "sans-nom", "nom": ""},
              "une chaîne",
              42,
              {"id": "gros", "nom": "\(String(repeating: "x", count: 500))"},
              {"id": "ok-2", "nom": "CPAM"}
            ]}
            """
        let read = try bodies(reading: text, chunkSize: 16, maximumRecordSize: 300)
        let report = read.report
        #expect(report.accepted == 2 && report.rejected == 5 && report.records == 7)
        #expect(report.rejectedByReason == [.missingID: 1, .missingName: 1, .notAnObject: 2, .tooLarge: 1])
        #expect(report.firstRejections.map(\.record) == [2, 3, 4, 5, 6])
        #expect(report.firstRejections[1] == DILARecordRejection(.missingName, record: 3, line: 4, id: "sans-nom"))
        #expect(report.firstRejections[1].description == "Enregistrement n° 3 (ligne 4, id sans-nom) : nom (« nom ») manquant")
        #expect(report.rejectedByFrenchReason.first?.reason == "l'enregistrement n'est pas un objet JSON")
        #expect(report.summary.prefix(2) == ["2 organismes valides", "5 enregistrements rejetés :"])
    }

    @Test func malformedFilesNameTheLineAndTheRecord() throws {
        let badToken = """
            {"service": [
              {"id": "a", "nom": "A"},
              {"id": "b",
               "nom": x}
            ]}
            """
        let error = try #require(try syntaxError(reading: badToken))
        #expect(error == DILAExportError(.unexpectedCharacter("x"), line: 4, record: 2))
        #expect(error.description == "Ligne 4, enregistrement n° 2 : caractère inattendu « x »")

        #expect(try syntaxError(reading: #"{"service": [{"id": "a", "nom": tru}]}"#)?.kind == .invalidLiteral("tru"))
        #expect(try syntaxError(reading: #"{"service": [{"id": "a", "nom": 01}]}"#)?.kind == .invalidLiteral("01"))
        #expect(try syntaxError(reading: #"{"service": [{"id": "a"}, ]}"#) == DILAExportError(.unexpectedCharacter("]"), line: 1, record: 2))
        #expect(try syntaxError(reading: #"{"service": [{"id" "a"}]}"#)?.kind == .unexpectedCharacter("\""))
        #expect(try syntaxError(reading: #"{"service": [{"id": "a\q"}]}"#)?.kind == .invalidEscape)
        #expect(try syntaxError(reading: #"{"service": [{"id": "\u12G4"}]}"#)?.kind == .invalidEscape)
    }

    @Test func truncatedFilesAreRefused() throws {
        let truncated = "{\"service\": [\n{\"id\": \"a\", \"nom\": \"A\"},\n{\"id\": \"b\""
        #expect(try syntaxError(reading: truncated) == DILAExportError(.truncated, line: 3, record: 2))
        #expect(try syntaxError(reading: "{\"service\": [{\"id\": \"a\", \"nom\": \"A") == DILAExportError(.unterminatedString, line: 1, record: 1))
        #expect(try syntaxError(reading: "{\"service\": [{\"id\": \"a\n\"}]}")?.kind == .unterminatedString)
        #expect(try syntaxError(reading: "{\"service\": [{\"id\": 12")?.kind == .truncated)
        #expect(try syntaxError(reading: "{\"service\": [{\"id\": \"a\"}]")?.kind == .truncated)
    }

    @Test func theDocumentMustBeTheDILAExport() throws {
        #expect(try syntaxError(reading: "") == DILAExportError(.empty, line: 1))
        #expect(try syntaxError(reading: "  \n ")?.kind == .empty)
        #expect(try syntaxError(reading: #"[{"id": "a"}]"#) == DILAExportError(.notAnObject, line: 1))
        #expect(try syntaxError(reading: "\n\n{\"services\": []}") == DILAExportError(.missingServiceKey, line: 3))
        #expect(try syntaxError(reading: #"{"service": {"id": "a"}}"#)?.kind == .serviceNotAnArray)
        #expect(try syntaxError(reading: #"{"service": [], "service": []}"#)?.kind == .duplicateServiceKey)
        #expect(try syntaxError(reading: #"{"service": []} {}"#)?.kind == .trailingContent)
        #expect(try syntaxError(reading: "{\"service\": [{\"id\": \"a\tb\"}]}")?.kind == .controlCharacterInString)
        let missing = URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString).json")
        #expect(throws: DILAExportError.self) { try DILAExportReader(url: missing).validate() }
    }

    @Test func invalidUTF8StopsAtTheRecord() throws {
        var data = Data(#"{"service": [{"id": "a", "nom": "A"}, {"id": "b", "nom": ""#.utf8)
        data.append(contentsOf: [0xC3, 0x28])
        data.append(contentsOf: Data(#""}]}"#.utf8))
        let url = try temporaryExport(data)
        defer { removeExport(url) }
        let error = try #require(throws: DILAExportError.self) { try DILAExportReader(url: url).validate() }
        guard case .invalidRecord = error.kind else { Issue.record("\(error)"); return }
        #expect(error.record == 2 && error.line == 1)
    }
}
