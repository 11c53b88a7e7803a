import FluentKit
import Foundation
import GuichetCore
import GuichetOperations
import GuichetStore

/// Transmitted dossiers made straight in the store, through the same submission as the
/// site (events, feed and all) but without filling a form: for tests that need many.
public enum DirectDossiers {
    /// A dossier of `procedureID` transmitted to each organisation; returns its reference.
    public static func transmitted(_ procedureID: String = "demande-acte-naissance", answers: Answers = Answers(), userID: UUID? = nil,
                                   contactEmail: String? = "elodie@exemple.fr", to organisations: [String],
                                   guichet: Guichet, db: any Database, now: Date) async throws -> String {
        let recipients = try organisations.map { id -> Dossiers.Recipient in
            guard let organisation = guichet.organisation(id: id) else { throw UnknownOrganisation(id: id) }
            return Dossiers.Recipient(key: organisation.id, name: organisation.name, contacts: organisation.contacts)
        }
        let draft = try await Dossiers.create(procedureID: procedureID, userID: userID, answers: answers, now: now, on: db)
        let outcome = try await Dossiers.submit(try draft.requireID(), answers: answers, contactEmail: contactEmail, recipients: recipients,
                                                actor: .citizen, newReference: { DossierReference.generate(kind: userID == nil ? .anonymous : .account) },
                                                mail: { _ in nil }, now: now, on: db)
        switch outcome {
        case .submitted(let reference), .alreadySubmitted(let reference): return reference
        }
    }

    public struct UnknownOrganisation: Error {
        public let id: String
    }
}
