import FluentKit
import Foundation
import GuichetCore
@testable import GuichetOperations
import GuichetStore
import GuichetTestSupport
import Testing

/// The one tracking operation (SPEC §6): forward only, recorded with its actor, emailed.
@Suite struct TrackingOperationTests {
    func transmitted(_ portal: TestPortal) async throws -> DossierReference {
        let dossier = try await portal.filledBirthRequest()
        guard case .transmitted(let text) = try await DossierSubmission.submit(dossier, account: nil, in: portal.context()),
              case .success(let reference) = DossierReference.parse(text) else { throw CancellationError() }
        return reference
    }

    @Test func statusesMoveForwardOnlyAndEachMoveIsRecorded() async throws {
        try await withPortal { portal in
            let reference = try await transmitted(portal)
            let context = portal.context()
            try await DossierTracking.advance(reference: reference, organisationKey: "mairie-69123", to: .acknowledged, message: nil,
                                              actor: .operator, in: context)
            try await DossierTracking.advance(reference: reference, organisationKey: "mairie-69123", to: .done,
                                              message: "Votre acte a été envoyé.", actor: .operator, in: context)
            await #expect(throws: DossierTracking.Failure.refused(from: .done, to: .processing)) {
                try await DossierTracking.advance(reference: reference, organisationKey: "mairie-69123", to: .processing, message: nil,
                                                  actor: .operator, in: context)
            }
            await #expect(throws: DossierTracking.Failure.unknownOrganisation) {
                try await DossierTracking.advance(reference: reference, organisationKey: "caf", to: .acknowledged, message: nil,
                                                  actor: .operator, in: context)
            }
            let dossier = try #require(try await Dossiers.find(reference: reference.description, on: portal.db))
            let events = try await Dossiers.events(try dossier.requireID(), on: portal.db)
            #expect(events.compactMap(\.organisationKey).count == 2)
            #expect(events.last?.message == "Votre acte a été envoyé." && events.last?.actor == "exploitant")
            let mails = try await portal.emails(to: "elodie@exemple.fr")
            #expect(mails.last?.text.contains("Votre acte a été envoyé.") == true)
        }
    }

    @Test func anUnknownReferenceIsRefused() async throws {
        try await withPortal { portal in
            let unknown = DossierReference.generate(kind: .anonymous)
            await #expect(throws: DossierTracking.Failure.unknownReference) {
                try await DossierTracking.advance(reference: unknown, organisationKey: "caf", to: .acknowledged, message: nil,
                                                  actor: .operator, in: portal.context())
            }
        }
    }
}
