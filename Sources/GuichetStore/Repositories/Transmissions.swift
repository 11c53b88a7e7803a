import FluentKit
import Foundation
import GuichetCore

/// The organisations' side of transmitted dossiers (SPEC §4, §6): only they move a
/// transmission past *transmis*.
public enum Transmissions {
    public static func list(dossierID: UUID, on db: any Database) async throws -> [TransmissionRecord] {
        try await TransmissionRecord.query(on: db).filter(\.$dossierID == dossierID).sort(\.$organisationName).all()
    }

    public static func find(dossierID: UUID, organisationKey: String, on db: any Database) async throws -> TransmissionRecord? {
        try await TransmissionRecord.query(on: db).filter(\.$dossierID == dossierID)
            .filter(\.$organisationKey == organisationKey).first()
    }

    /// Moves a transmission to `target` (guarded by `TransmissionTransition`), with the
    /// organisation's message, the event, and the citizen's alert email if any, in one
    /// transaction. The state is re-checked in the update so two concurrent reports
    /// cannot both apply.
    public static func advance(_ transmission: TransmissionRecord, to target: TransmissionState, message: String?,
                               actor: Actor, mail: OutboxQueue.Envelope?, now: Date, on db: any Database) async throws {
        let from = transmission.state
        guard let transition = TransmissionTransition(target: target) else {
            throw TransitionRefused(transition: "to-\(target.rawValue)", from: from.rawValue)
        }
        _ = try transition.apply(to: from)
        let id = try transmission.requireID()
        try await db.writeTransaction { db in
            let updated = try await db.sql.raw("""
                UPDATE transmissions SET state = \(bind: target.rawValue), message = \(bind: message), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND state = \(bind: from.rawValue)
                RETURNING id
                """).first()
            guard updated != nil else { throw TransitionRefused(transition: transition.rawValue, from: "changed") }
            let event = DossierEventRecord()
            event.dossierID = transmission.dossierID
            event.organisationKey = transmission.organisationKey
            event.transition = transition.rawValue
            event.fromState = from.rawValue
            event.toState = target.rawValue
            event.actor = actor.description
            event.message = message
            event.createdAt = now
            try await event.create(on: db)
            if let mail { try await OutboxQueue.enqueue(mail, on: db, now: now) }
        }
        transmission.stateValue = target.rawValue
        transmission.message = message
        transmission.updatedAt = now
    }
}

extension Transmissions {
    /// The transmissions of several dossiers at once (*Mon activité*).
    public static func list(dossierIDs: [UUID], on db: any Database) async throws -> [TransmissionRecord] {
        guard !dossierIDs.isEmpty else { return [] }
        return try await TransmissionRecord.query(on: db).filter(\.$dossierID ~~ dossierIDs).sort(\.$organisationName).all()
    }
}
