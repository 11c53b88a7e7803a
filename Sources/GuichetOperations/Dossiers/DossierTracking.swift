import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Moves an organisation's status of a transmitted dossier and tells the citizen: the
/// one path for the operator's command, the partner API and the agents' inbox (SPEC §6).
public enum DossierTracking {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unknownReference
        case unknownOrganisation
        case refused(from: TransmissionState, to: TransmissionState)
        case messageTooLong
        case controlCharacters

        public var description: String {
            switch self {
            case .unknownReference: "No transmitted dossier has this reference."
            case .unknownOrganisation: "This dossier was not transmitted to this organisation."
            case .refused(let from, let to): "A dossier cannot go from \(from.slug) to \(to.slug)."
            case .messageTooLong: "The message is longer than \(TrackingMessage.maximumLength) characters."
            case .controlCharacters: "The message holds control characters."
            }
        }
    }

    public enum Outcome: Sendable, Equatable {
        case moved(from: TransmissionState, to: TransmissionState)
        /// Same state, a new message for the citizen: recorded and emailed.
        case noted(TransmissionState)
        /// It was already in that state, with that message: nothing recorded, nobody
        /// emailed (a retry).
        case unchanged(TransmissionState)

        public var state: TransmissionState {
            switch self {
            case .moved(_, let to): to
            case .noted(let state), .unchanged(let state): state
            }
        }

        public var changedSomething: Bool {
            if case .unchanged = self { false } else { true }
        }
    }

    /// Moves the organisation's status. Asking for the state it is already in changes
    /// nothing (every front door's retries are harmless) unless it brings a new message.
    @discardableResult
    public static func advance(reference: DossierReference, organisationKey: String, to target: TransmissionState,
                               message rawMessage: String?, actor: Actor, in context: OperationContext) async throws -> Outcome {
        // Checked before trimming, as the partner API's document states it.
        guard !TrackingMessage.hasForbiddenCharacters(rawMessage ?? "") else { throw Failure.controlCharacters }
        let message = TrackingMessage.normalized(rawMessage)
        if let message {
            guard message.unicodeScalars.count <= TrackingMessage.maximumLength else { throw Failure.messageTooLong }
        }
        let db = context.db
        guard let dossier = try await Dossiers.find(reference: reference.description, on: db), dossier.state == .submitted,
              let dossierID = dossier.id else { throw Failure.unknownReference }
        guard let transmission = try await Transmissions.find(dossierID: dossierID, organisationKey: organisationKey, on: db) else {
            throw Failure.unknownOrganisation
        }
        let from = transmission.state
        if from == target {
            guard let message, message != transmission.message else { return .unchanged(from) }
            let mail = try await statusMail(dossier: dossier, transmission: transmission, target: target, message: message, note: true,
                                            in: context)
            do {
                try await Transmissions.note(transmission, message: message, actor: actor, mail: mail, now: context.now, on: db)
            } catch is TransitionRefused {
                // Moved meanwhile by another report.
                throw Failure.refused(from: from, to: target)
            }
            return .noted(target)
        }
        let mail = try await statusMail(dossier: dossier, transmission: transmission, target: target, message: message, in: context)
        do {
            try await Transmissions.advance(transmission, to: target, message: message, actor: actor, mail: mail, now: context.now, on: db)
        } catch is TransitionRefused {
            // The state machine's verdict (guarded again inside the update): a concurrent
            // move to the same state is the retry case.
            if let now = try await Transmissions.find(dossierID: dossierID, organisationKey: organisationKey, on: db), now.state == target {
                return .unchanged(target)
            }
            throw Failure.refused(from: from, to: target)
        }
        return .moved(from: from, to: target)
    }

    /// To the account if it keeps status alerts on (SPEC §1 options), otherwise to the
    /// address given for a dossier without an account.
    private static func statusMail(dossier: DossierRecord, transmission: TransmissionRecord, target: TransmissionState,
                                   message: String?, note: Bool = false, in context: OperationContext) async throws -> OutboxQueue.Envelope? {
        let recipient: String
        let link: String
        let reference = dossier.reference ?? ""
        let guichet = context.guichet
        if let userID = dossier.userID {
            guard let user = try await Accounts.find(userID, on: context.db), user.alertStatusChanges else { return nil }
            recipient = user.email
            link = guichet.link(.activityDossier(reference: reference))
        } else {
            guard let email = dossier.contactEmail else { return nil }
            recipient = email
            link = guichet.link(.lookup)
        }
        let procedure = guichet.procedures.procedure(dossier.procedureID)
        let mail = if note, let message {
            DossierMails.organisationMessage(procedure: procedure, reference: reference, organisation: transmission.organisationName,
                                             state: target, message: message, link: link)
        } else {
            DossierMails.statusChanged(procedure: procedure, reference: reference, organisation: transmission.organisationName,
                                       state: target, message: message, link: link)
        }
        return try context.mailer.envelope(mail, to: Mailbox(recipient))
    }
}
