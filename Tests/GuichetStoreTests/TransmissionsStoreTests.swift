import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Testing

/// An organisation's progress: forward only, and two reports at once apply once.
@Suite struct TransmissionsStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func transmitted(on db: any Database) async throws -> TransmissionRecord {
        let dossier = try await Dossiers.create(procedureID: "p", userID: nil, answers: Answers(), now: now, on: db)
        _ = try await Dossiers.submit(try dossier.requireID(), answers: Answers(),
                                      recipients: [.init(key: "caf", name: "CAF", contacts: Contacts())], actor: .citizen,
                                      newReference: { DossierReference.generate(kind: .anonymous) }, mail: { _ in nil }, now: now, on: db)
        return try #require(try await Transmissions.find(dossierID: try dossier.requireID(), organisationKey: "caf", on: db))
    }

    @Test func aBackwardMoveIsRefused() async throws {
        try await withStore { db in
            let transmission = try await transmitted(on: db)
            try await Transmissions.advance(transmission, to: .processing, message: nil, actor: .operator, mail: nil, now: now, on: db)
            await #expect(throws: TransitionRefused.self) {
                try await Transmissions.advance(transmission, to: .acknowledged, message: nil, actor: .operator, mail: nil, now: now, on: db)
            }
            #expect(try await Transmissions.find(dossierID: transmission.dossierID, organisationKey: "caf", on: db)?.state == .processing)
        }
    }

    @Test func concurrentReportsOfTheSameMoveApplyOnce() async throws {
        try await withStore { db in
            let transmission = try await transmitted(on: db)
            let now = self.now
            let results = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        // Each report starts from the state it read: transmis.
                        guard let copy = try? await Transmissions.find(dossierID: transmission.dossierID, organisationKey: "caf", on: db) else { return false }
                        return (try? await Transmissions.advance(copy, to: .acknowledged, message: nil, actor: .operator, mail: nil,
                                                                 now: now, on: db)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            let events = try await DossierEventRecord.query(on: db).filter(\.$dossierID == transmission.dossierID)
                .filter(\.$organisationKey == "caf").count()
            #expect(events == 1)
        }
    }
}
