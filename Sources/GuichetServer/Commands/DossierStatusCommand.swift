import ArgumentParser
import Foundation
import GuichetCore
import GuichetOperations
import GuichetWeb

/// `guichet dossier-status <reference> <organisation> <state>`: records an
/// organisation's progress on a transmitted dossier, as the operator, through the one
/// tracking operation (the same as the partner API and the agents' inbox).
struct DossierStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier-status",
        abstract: "Moves an organisation's status of a transmitted dossier and emails the citizen.",
        discussion: "A dossier only moves forward: transmis → pris en compte → en cours de traitement → traité.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The dossier reference, e.g. A-1-7K3M9QXR4.")
    var reference: String
    @Argument(help: "The organisation id, e.g. caf or mairie-75056.")
    var organisation: String
    @Argument(help: "pris-en-compte, en-cours-de-traitement or traite.")
    var state: String
    @Option(help: "A message from the organisation to the citizen.")
    var message: String?

    func run() async throws {
        let command = self
        try await Runtime.run(global) { app in
            printLine(try await command.apply(in: Runtime.context(app)))
        }
    }

    /// Records the move; returns what to print.
    func apply(in context: OperationContext) async throws -> String {
        guard case .success(let parsed) = DossierReference.parse(reference) else {
            throw CommandRefusal("Not a dossier reference: \(reference)", usage: true)
        }
        guard let target = TransmissionState(slug: state), target != .transmitted else {
            throw CommandRefusal("Unknown state \(state): use pris-en-compte, en-cours-de-traitement or traite.", usage: true)
        }
        let outcome: DossierTracking.Outcome
        do {
            outcome = try await DossierTracking.advance(reference: parsed, organisationKey: organisation, to: target,
                                                        message: message, actor: .operator, in: context)
        } catch let failure as DossierTracking.Failure {
            throw CommandRefusal(failure.description)
        }
        let unchanged = outcome.changedSomething ? "" : " (already in this state: nothing changed)"
        return "\(parsed) – \(organisation): \(target.label)\(unchanged)"
    }
}
