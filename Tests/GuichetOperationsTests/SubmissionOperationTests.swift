import FluentKit
import Foundation
import GuichetCore
@testable import GuichetOperations
import GuichetStore
import GuichetTestSupport
import Testing

/// *Transmettre ma demande* without HTTP (SPEC §4): idempotent, even when released at once.
@Suite struct SubmissionOperationTests {
    @Test func aDossierTransmittedOnceGivesTheSameReferenceAgain() async throws {
        try await withPortal { portal in
            let dossier = try await portal.filledBirthRequest()
            guard case .transmitted(let reference) = try await DossierSubmission.submit(dossier, account: nil, in: portal.context()) else {
                Issue.record("not transmitted")
                return
            }
            #expect(reference.hasPrefix("A-2-"))
            #expect(try await DossierSubmission.submit(dossier, account: nil, in: portal.context()) == .alreadyTransmitted(reference: reference))
            #expect(try await portal.emails(to: "elodie@exemple.fr").count == 1, "one confirmation")
            let transmissions = try await Transmissions.list(dossierID: dossier.id, on: portal.db)
            #expect(transmissions.map(\.organisationKey) == ["mairie-69123"])
        }
    }

    @Test func concurrentSubmitsMakeOneSubmission() async throws {
        try await withPortal { portal in
            for _ in 0..<3 {
                let dossier = try await portal.filledBirthRequest()
                let outcomes = try await withThrowingTaskGroup(of: DossierSubmission.Outcome.self) { group in
                    for _ in 0..<4 {
                        group.addTask { try await DossierSubmission.submit(dossier, account: nil, in: portal.context()) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let references = Set(outcomes.map { outcome -> String in
                    switch outcome {
                    case .transmitted(let reference), .alreadyTransmitted(let reference): reference
                    case .refused(let problem): problem
                    }
                })
                #expect(references.count == 1, "\(outcomes)")
                #expect(outcomes.filter { if case .transmitted = $0 { true } else { false } }.count == 1)
                #expect(try await Transmissions.list(dossierID: dossier.id, on: portal.db).count == 1)
                #expect(try await DossierEventRecord.query(on: portal.db).filter(\.$dossierID == dossier.id)
                    .filter(\.$transition == DossierTransition.submit.rawValue).count() == 1)
            }
        }
    }

    @Test func anIncompleteDossierIsNotSent() async throws {
        try await withPortal { portal in
            guard case .started(let dossier) = try await DossierFilling.start("demande-acte-naissance", account: nil, in: portal.context()) else { return }
            #expect(try await DossierSubmission.submit(dossier, account: nil, in: portal.context())
                    == .refused("Votre demande est incomplète : complétez les étapes signalées avant de la transmettre."))
            #expect(try await Dossiers.find(dossier.id, on: portal.db)?.state == .draft, "the draft stays as it was")
        }
    }
}
