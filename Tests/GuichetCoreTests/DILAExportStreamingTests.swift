import Foundation
import GuichetCore
import Testing

@Suite struct DILAExportStreamingTests {
    /// 20,000 records of about 700 bytes (13 MB): the reader never holds more than a
    /// chunk and the records of that chunk it has yet to hand over.
    @Test func aLargeFileStreamsInBoundedMemory() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dila-large-\(UUID().uuidString).json")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        defer { removeExport(url) }
        let handle = try FileHandle(forWritingTo: url)
        handle.write(Data("{\"service\": [\n".utf8))
        var batch = ""
        for index in 0..<20_000 {
            batch += """
                {"id": "id-\(index)", "nom": "Centre des finances publiques n° \(index)", "pivot": [{"type_service_local": "sip", "code_insee_commune": ["69383"]}], \
                "adresse": [{"type_adresse": "Adresse", "numero_voie": "\(index) rue Garibaldi", "code_postal": "69003", "nom_commune": "Lyon"}], \
                "telephone": [{"valeur": "0 809 401 401", "description": ""}], "site_internet": [{"valeur": "https://www.impots.gouv.fr", "libelle": ""}], \
                "plage_ouverture": [{"nom_jour_debut": "Lundi", "nom_jour_fin": "Vendredi", "valeur_heure_debut_1": "08:45:00", "valeur_heure_fin_1": "12:00:00", \
                "valeur_heure_debut_2": "13:30:00", "valeur_heure_fin_2": "16:00:00", "commentaire": ""}], "date_modification": "05/02/2025 08:30:12"}\(index == 19_999 ? "" : ",")

                """
            if batch.utf8.count > 1 << 20 {
                handle.write(Data(batch.utf8))
                batch = ""
            }
        }
        handle.write(Data((batch + "]}\n").utf8))
        try handle.close()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size > 12_000_000)

        let report = try DILAExportReader(url: url).validate()
        #expect(report.accepted == 20_000)
        #expect(report.rejected == 0)
        #expect(report.lines == 20_002)
        #expect(report.peakBufferedBytes < 200_000, "peak \(report.peakBufferedBytes) bytes")
    }

    /// A 2 MiB record is rejected after at most `maximumRecordSize` bytes of it were held,
    /// and the records after it are read.
    @Test func anOversizedRecordIsRejectedWithoutBeingLoaded() throws {
        let huge = String(repeating: "é", count: 1024 * 1024)
        let url = try temporaryExport(#"{"service": [{"id": "a", "nom": "A"}, {"id": "huge", "nom": "\#(huge)"}, {"id": "b", "nom": "B"}]}"#)
        defer { removeExport(url) }
        let report = try DILAExportReader(url: url).validate()
        #expect(report.accepted == 2 && report.rejectedByReason == [.tooLarge: 1])
        #expect(report.firstRejections.first?.record == 2)
        #expect(report.peakBufferedBytes <= 1024 * 1024 + 2 * 64 * 1024, "peak \(report.peakBufferedBytes) bytes")
    }
}
