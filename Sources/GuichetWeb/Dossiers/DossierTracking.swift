import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Moves an organisation's status of a transmitted dossier and tells the citizen. The
/// one path for the command line today and the partner API later (SPEC §6).
enum DossierTracking {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case unknownReference
        case unknownOrganisation
        case refused(from: TransmissionState, to: TransmissionState)

        var description: String {
            switch self {
            case .unknownReference: "No transmitted dossier has this reference."
            case .unknownOrganisation: "This dossier was not transmitted to this organisation."
            case .refused(let from, let to): "A dossier cannot go from \(from.slug) to \(to.slug)."
            }
        }
    }

    static func advance(reference: DossierReference, organisationKey: String, to target: TransmissionState,
                        message: String?, actor: Actor, guichet: Guichet, now: Date, on db: any Database) async throws {
        guard let dossier = try await Dossiers.find(reference: reference.description, on: db), dossier.state == .submitted,
              let dossierID = dossier.id else { throw Failure.unknownReference }
        guard let transmission = try await Transmissions.find(dossierID: dossierID, organisationKey: organisationKey, on: db) else {
            throw Failure.unknownOrganisation
        }
        let from = transmission.state
        let mail = try await statusMail(dossier: dossier, transmission: transmission, target: target, message: message,
                                        guichet: guichet, now: now, on: db)
        do {
            try await Transmissions.advance(transmission, to: target, message: message, actor: actor, mail: mail, now: now, on: db)
        } catch is TransitionRefused {
            // The state machine's verdict (guarded again inside the update).
            throw Failure.refused(from: from, to: target)
        }
    }

    /// To the account if it keeps status alerts on (SPEC §2 options), otherwise to the
    /// address given for a dossier without an account.
    private static func statusMail(dossier: DossierRecord, transmission: TransmissionRecord, target: TransmissionState,
                                   message: String?, guichet: Guichet, now: Date, on db: any Database) async throws -> EmailMessage? {
        let recipient: String
        let link: String
        let reference = dossier.reference ?? ""
        if let userID = dossier.userID {
            guard let user = try await Accounts.find(userID, on: db), user.alertStatusChanges else { return nil }
            recipient = user.email
            link = SiteURL.activityDossier(.value(reference)).absolute(base: guichet.config.baseURL)
        } else {
            guard let email = dossier.contactEmail else { return nil }
            recipient = email
            link = SiteURL.lookup.absolute(base: guichet.config.baseURL)
        }
        let mail = DossierMails.statusChanged(procedure: guichet.procedures.procedure(dossier.procedureID), reference: reference,
                                              organisation: transmission.organisationName, state: target, message: message, link: link)
        return Mailer(config: guichet.config, now: now).compose(mail, to: Mailbox(recipient))
    }
}
