import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Testing

/// The dossier state machine in the store: submission once only, whatever the races.
@Suite struct DossiersStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let recipient = Dossiers.Recipient(key: "caf", name: "Caisse d'allocations familiales (CAF)", contacts: Contacts())

    @Test func tenConcurrentSubmitsTransmitOnceWithOneReference() async throws {
        try await withStore { db in
            let dossier = try await Dossiers.create(procedureID: "p", userID: nil, answers: Answers(), now: now, on: db)
            let id = try dossier.requireID()
            let now = self.now, recipient = self.recipient
            let outcomes = try await withThrowingTaskGroup(of: Dossiers.SubmitOutcome.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await Dossiers.submit(id, answers: Answers(), recipients: [recipient], actor: .citizen,
                                                  newReference: { DossierReference.generate(kind: .anonymous) }, mail: { _ in nil }, now: now, on: db)
                    }
                }
                return try await group.reduce(into: [Dossiers.SubmitOutcome]()) { $0.append($1) }
            }
            let references = Set(outcomes.map { outcome -> String in
                switch outcome { case .submitted(let r), .alreadySubmitted(let r): r }
            })
            #expect(references.count == 1)
            #expect(outcomes.filter { if case .submitted = $0 { true } else { false } }.count == 1)
            #expect(try await Transmissions.list(dossierID: id, on: db).count == 1)
            #expect(try await DossierEventRecord.query(on: db).filter(\.$dossierID == id).count() == 1)
        }
    }

    /// Found by `make scan`: *Enregistrer* racing *Abandonner* wrote an event for a
    /// dossier already deleted (a foreign-key failure, a 500).
    @Test func aDossierDeletedMeanwhileIsNotFoundAndNothingIsWritten() async throws {
        try await withStore { db in
            let dossier = try await Dossiers.create(procedureID: "p", userID: nil, answers: Answers(), now: now, on: db)
            let stale = try #require(try await Dossiers.find(try dossier.requireID(), on: db))
            try await Dossiers.delete(dossier, transition: .abandon, blobs: FileBlobStore(root: FileManager.default.temporaryDirectory), on: db)
            await #expect(throws: DossierNotFound.self) {
                try await Dossiers.save(stale, access: nil, mail: nil, now: now, on: db)
            }
            await #expect(throws: DossierNotFound.self) {
                try await Dossiers.update(stale, answers: Answers(["nom": .text("Martin")]), step: 1, now: now, on: db)
            }
            await #expect(throws: DossierNotFound.self) {
                try await Dossiers.adopt(stale, userID: UUID(), now: now, on: db)
            }
            #expect(try await DossierEventRecord.query(on: db).count() == 0)
            #expect(try await DossierRecord.query(on: db).count() == 0)
        }
    }

    @Test func aTakenReferenceIsDrawnAgainAndExhaustionChangesNothing() async throws {
        try await withStore { db in
            let first = try await Dossiers.create(procedureID: "p", userID: nil, answers: Answers(), now: now, on: db)
            let fixed = DossierReference.generate(kind: .anonymous)
            _ = try await Dossiers.submit(try first.requireID(), answers: Answers(), recipients: [recipient], actor: .citizen,
                                          newReference: { fixed }, mail: { _ in nil }, now: now, on: db)
            let second = try await Dossiers.create(procedureID: "p", userID: nil, answers: Answers(), now: now, on: db)
            await #expect(throws: Dossiers.ReferenceExhausted.self) {
                _ = try await Dossiers.submit(try second.requireID(), answers: Answers(), recipients: [recipient], actor: .citizen,
                                              newReference: { fixed }, mail: { _ in nil }, now: now, on: db)
            }
            #expect(try await Dossiers.find(try second.requireID(), on: db)?.state == .draft)
            #expect(try await Transmissions.list(dossierID: try second.requireID(), on: db).isEmpty)
        }
    }
}
