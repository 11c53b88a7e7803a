import Foundation
import GuichetCore
import Vapor

/// `guichet dossier-status <reference> <organisation> <state>`: records an organisation's
/// progress on a transmitted dossier, as the operator, until the partner API exists.
struct DossierStatusCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "reference", help: "The dossier reference, e.g. A-1-7K3M9QXR-4")
        var reference: String
        @Argument(name: "organisation", help: "The organisation id, e.g. caf or mairie-75056")
        var organisation: String
        @Argument(name: "state", help: "pris-en-compte, en-cours-de-traitement or traite")
        var state: String
        @Option(name: "message", help: "A message from the organisation to the citizen")
        var message: String?
    }

    var help: String { "Moves an organisation's status of a transmitted dossier and emails the citizen." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .success(let reference) = DossierReference.parse(signature.reference) else {
            throw CommandRefusal("Not a dossier reference: \(signature.reference)")
        }
        guard let target = TransmissionState(slug: signature.state), target != .transmitted else {
            throw CommandRefusal("Unknown state \(signature.state): use pris-en-compte, en-cours-de-traitement or traite.")
        }
        do {
            try await DossierTracking.advance(reference: reference, organisationKey: signature.organisation, to: target,
                                              message: signature.message?.trimmingCharacters(in: .whitespacesAndNewlines),
                                              actor: .operator, guichet: app.guichet,
                                              now: app.guichet.services.clock.now(), on: app.db)
        } catch let failure as DossierTracking.Failure {
            throw CommandRefusal(failure.description)
        }
        context.console.print("\(reference) – \(signature.organisation): \(target.label)")
    }
}

/// A command refused its arguments: the entry point prints the reason and exits 1.
public struct CommandRefusal: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
