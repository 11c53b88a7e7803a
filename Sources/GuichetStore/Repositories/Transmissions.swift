import FluentKit
import FluentSQL
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
    /// organisation's message, the dossier's event, the organisation's feed event (and so
    /// its webhook), and the citizen's alert email if any, in one transaction. The state is re-checked in the update so two concurrent reports
    /// cannot both apply.
    public static func advance(_ transmission: TransmissionRecord, to target: TransmissionState, message: String?,
                               actor: Actor, mail: OutboxQueue.Envelope?, now: Date, on db: any Database) async throws {
        let from = transmission.state
        guard let transition = TransmissionTransition(target: target) else {
            throw TransitionRefused(transition: "to-\(target.rawValue)", from: from.rawValue)
        }
        _ = try transition.apply(to: from)
        try await write(transmission, from: from, to: target, transition: transition.rawValue, message: message, actor: actor, mail: mail,
                        now: now, on: db)
    }

    /// A new message from the organisation while the state stays (*en cours de
    /// traitement* for weeks, say): recorded, in the feed and emailed like a move.
    public static func note(_ transmission: TransmissionRecord, message: String, actor: Actor, mail: OutboxQueue.Envelope?, now: Date,
                            on db: any Database) async throws {
        let state = transmission.state
        try await write(transmission, from: state, to: state, transition: "note", message: message, actor: actor, mail: mail, now: now, on: db)
    }

    /// The update (guarded by the state it starts from, so two concurrent reports cannot
    /// both apply), the dossier's event, the organisation's feed event and the email.
    private static func write(_ transmission: TransmissionRecord, from: TransmissionState, to target: TransmissionState, transition: String,
                              message: String?, actor: Actor, mail: OutboxQueue.Envelope?, now: Date, on db: any Database) async throws {
        let id = try transmission.requireID()
        try await db.writeTransaction { db in
            let updated = try await db.sql.raw("""
                UPDATE transmissions SET state = \(bind: target.rawValue), message = \(bind: message), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND state = \(bind: from.rawValue)
                RETURNING id
                """).first()
            guard updated != nil else { throw TransitionRefused(transition: transition, from: "changed") }
            let event = DossierEventRecord()
            event.dossierID = transmission.dossierID
            event.organisationKey = transmission.organisationKey
            event.transition = transition
            event.fromState = from.rawValue
            event.toState = target.rawValue
            event.actor = actor.description
            event.message = message
            event.createdAt = now
            try await event.create(on: db)
            try await PartnerEvents.append(organisationKey: transmission.organisationKey, type: .statusChanged, details: .init(
                reference: transmission.reference, procedure: transmission.procedureID, state: target.slug, previousState: from.slug,
                actor: actor.summary, message: message), now: now, on: db)
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

extension Transmissions {
    /// A dossier as one organisation knows it: nil when it was not transmitted to it —
    /// exactly as for a reference that does not exist.
    public static func find(reference: String, organisationKey: String, on db: any Database) async throws -> TransmissionRecord? {
        try await TransmissionRecord.query(on: db).filter(\.$reference == reference)
            .filter(\.$organisationKey == organisationKey).first()
    }

    /// The transmissions to an organisation, newest first, after the transmission
    /// `cursor` (keyset: stable while new dossiers arrive). A cursor that is not one of
    /// this organisation's transmissions positions nowhere: the page is empty.
    /// Only the list's columns are read, into a plain `Decodable` (a Fluent model's
    /// decoding was most of a page's time in `make bench`).
    public static func page(organisationKey: String, state: TransmissionState?, procedureID: String?, after cursor: UUID?,
                            limit: Int, on db: any Database) async throws -> [Listing] {
        var sql = SQLQueryString("""
            SELECT id, reference, procedure_id, transmitted_at, state, updated_at FROM transmissions
            WHERE organisation_key = \(bind: organisationKey)
            """)
        if let state {
            sql.appendInterpolation(unsafeRaw: " AND state = ")
            sql.appendInterpolation(bind: state.rawValue)
        }
        if let procedureID {
            sql.appendInterpolation(unsafeRaw: " AND procedure_id = ")
            sql.appendInterpolation(bind: procedureID)
        }
        if let cursor {
            sql.appendInterpolation(unsafeRaw: " AND (transmitted_at, id) < (SELECT transmitted_at, id FROM transmissions WHERE id = ")
            sql.appendInterpolation(bind: cursor)
            sql.appendInterpolation(unsafeRaw: " AND organisation_key = ")
            sql.appendInterpolation(bind: organisationKey)
            sql.appendInterpolation(unsafeRaw: ")")
        }
        sql.appendInterpolation(unsafeRaw: " ORDER BY transmitted_at DESC, id DESC LIMIT ")
        sql.appendInterpolation(literal: limit)
        return try await db.sql.raw(sql).all(decoding: Listing.self)
    }

    /// A transmission as an organisation's list shows it.
    public struct Listing: Sendable, Decodable {
        public let id: UUID
        public let reference: String?
        public let procedureID: String?
        public let transmittedAt: Date
        public let state: String
        public let updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case id, reference, state
            case procedureID = "procedure_id"
            case transmittedAt = "transmitted_at"
            case updatedAt = "updated_at"
        }
    }
}
