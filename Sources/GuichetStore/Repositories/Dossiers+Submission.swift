import FluentKit
import FluentSQL
import Foundation
import GuichetCore

extension Dossiers {
    /// Where a dossier goes: one transmission per organisation.
    public struct Recipient: Sendable {
        public let key: String
        public let name: String
        public let contacts: Contacts

        public init(key: String, name: String, contacts: Contacts) {
            self.key = key
            self.name = name
            self.contacts = contacts
        }
    }

    public enum SubmitOutcome: Sendable, Equatable {
        /// This call transmitted the dossier.
        case submitted(reference: String)
        /// It had already been transmitted (a double click, a retry): same reference.
        case alreadySubmitted(reference: String)
    }

    /// No free reference after several tries: nothing was changed.
    public struct ReferenceExhausted: Error {}

    /// *Transmettre ma demande*, in one transaction: the state change (only from a draft,
    /// so two concurrent submits cannot both win), the reference, one transmission per
    /// organisation, the events and the confirmation email. Any failure leaves the draft
    /// as it was. A reference already taken (unique constraint) is drawn again.
    /// `profileAddress`: the address to copy into the owner's profile with it (they asked
    /// for it); only the four address fields change, on the row read in the transaction.
    public static func submit(_ dossierID: UUID, answers: Answers, contactEmail: String? = nil, applicant: String? = nil,
                              profileAddress: PostalAddress? = nil, recipients: [Recipient], actor: Actor,
                              newReference: @Sendable () -> DossierReference,
                              mail: @escaping @Sendable (_ reference: String) throws -> OutboxQueue.Envelope?,
                              now: Date, on db: any Database) async throws -> SubmitOutcome {
        for _ in 0..<5 {
            let candidate = newReference()
            do {
                if let outcome = try await attemptSubmit(dossierID, answers: answers, contactEmail: contactEmail, applicant: applicant,
                                                         profileAddress: profileAddress, reference: candidate, recipients: recipients,
                                                         actor: actor, mail: mail, now: now, on: db) {
                    return outcome
                }
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // Another dossier has this reference: draw another one.
                continue
            }
        }
        throw ReferenceExhausted()
    }

    private static func attemptSubmit(_ dossierID: UUID, answers: Answers, contactEmail: String?, applicant: String?,
                                      profileAddress: PostalAddress?, reference candidate: DossierReference,
                                      recipients: [Recipient], actor: Actor,
                                      mail: @escaping @Sendable (String) throws -> OutboxQueue.Envelope?, now: Date,
                                      on db: any Database) async throws -> SubmitOutcome? {
        let outcome: SubmitOutcome? = try await db.writeTransaction { db in
            guard let current = try await DossierRecord.find(dossierID, on: db) else { throw DossierNotFound() }
            if current.state == .submitted, let reference = current.reference { return .alreadySubmitted(reference: reference) }
            let from = current.state
            _ = try DossierTransition.submit.apply(to: from)
            // The kind follows the dossier: A-1 when it belongs to an account.
            let reference = DossierReference(kind: current.referenceKind, body: candidate.body).description
            let claimed = try await db.sql.raw("""
                UPDATE dossiers SET state = \(bind: DossierState.submitted.rawValue), reference = \(bind: reference),
                    submitted_at = \(bind: now), updated_at = \(bind: now), answers = \(bind: answers.encoded()),
                    expires_at = NULL, resume_password_hash = NULL,
                    contact_email = \(bind: contactEmail ?? current.contactEmail)
                WHERE id = \(bind: dossierID) AND state IN (\(bind: DossierState.draft.rawValue), \(bind: DossierState.saved.rawValue))
                RETURNING id
                """).first()
            // Nil: another request won the race in the meantime and set the reference.
            guard claimed != nil else { return nil }
            for recipient in recipients {
                let transmission = TransmissionRecord()
                transmission.dossierID = dossierID
                transmission.organisationKey = recipient.key
                transmission.organisationName = recipient.name
                transmission.contactsJSON = String(decoding: try JSONEncoder().encode(recipient.contacts), as: UTF8.self)
                transmission.reference = reference
                transmission.procedureID = current.procedureID
                transmission.applicantName = applicant
                transmission.applicantFolded = applicant.map(Text.folded) ?? ""
                transmission.stateValue = TransmissionState.transmitted.rawValue
                transmission.transmittedAt = now
                transmission.updatedAt = now
                try await transmission.create(on: db)
                // The organisation's feed and webhook learn of it with the same commit.
                try await PartnerEvents.append(organisationKey: recipient.key, type: .dossierTransmitted, details: .init(
                    reference: reference, procedure: current.procedureID, state: TransmissionState.transmitted.slug,
                    actor: actor.summary), now: now, on: db)
            }
            try await record(current, .submit, from: from, to: .submitted, actor: actor, now: now, on: db)
            if let address = profileAddress, let userID = current.userID {
                try await Accounts.setAddress(userID, address, now: now, on: db)
            }
            if let message = try mail(reference) { try await OutboxQueue.enqueue(message, on: db, now: now) }
            return .submitted(reference: reference)
        }
        if let outcome { return outcome }
        guard let reference = try await find(dossierID, on: db)?.reference else { return nil }
        return .alreadySubmitted(reference: reference)
    }
}

/// The dossier does not exist (any more).
public struct DossierNotFound: Error {}
