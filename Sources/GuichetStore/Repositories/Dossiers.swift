import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// Dossiers and their state machine (`DossierTransition`): every move is guarded by the
/// state it starts from and recorded in `dossier_events` in the same transaction.
public enum Dossiers {
    /// A new dossier, being filled (never saved yet).
    public static func create(procedureID: String, userID: UUID?, answers: Answers, now: Date,
                              on db: any Database) async throws -> DossierRecord {
        let dossier = DossierRecord()
        dossier.id = UUID()
        dossier.procedureID = procedureID
        dossier.userID = userID
        dossier.stateValue = DossierState.draft.rawValue
        dossier.answers = answers
        dossier.currentStep = 0
        dossier.createdAt = now
        dossier.updatedAt = now
        try await dossier.create(on: db)
        return dossier
    }

    public static func find(_ id: UUID, on db: any Database) async throws -> DossierRecord? {
        try await DossierRecord.find(id, on: db)
    }

    public static func find(reference: String, on db: any Database) async throws -> DossierRecord? {
        try await DossierRecord.query(on: db).filter(\.$reference == reference).first()
    }

    public static func find(resumeNumber: String, on db: any Database) async throws -> DossierRecord? {
        try await DossierRecord.query(on: db).filter(\.$resumeNumber == resumeNumber).first()
    }

    /// Stores the answers of a dossier still being filled (its state does not change).
    /// Throws `DossierNotFound` when it was deleted meanwhile (abandoned in another tab,
    /// expired): an update of no row is not a success.
    public static func update(_ dossier: DossierRecord, answers: Answers, step: Int, now: Date, on db: any Database) async throws {
        guard dossier.state != .submitted else { throw TransitionRefused(transition: "edit", from: dossier.stateValue) }
        let updated = try await db.sql.raw("""
            UPDATE dossiers SET answers = \(bind: answers.encoded()), current_step = \(bind: step), updated_at = \(bind: now)
            WHERE id = \(bind: try dossier.requireID()) AND state <> \(bind: DossierState.submitted.rawValue)
            RETURNING id
            """).first()
        guard updated != nil else { throw DossierNotFound() }
        dossier.answers = answers
        dossier.currentStep = step
        dossier.updatedAt = now
    }

    /// A dossier started without an account becomes the account's when its owner signs
    /// in while filling it.
    public static func adopt(_ dossier: DossierRecord, userID: UUID, now: Date, on db: any Database) async throws {
        let updated = try await db.sql.raw("""
            UPDATE dossiers SET user_id = \(bind: userID), updated_at = \(bind: now)
            WHERE id = \(bind: try dossier.requireID()) AND state <> \(bind: DossierState.submitted.rawValue)
            RETURNING id
            """).first()
        guard updated != nil else { throw DossierNotFound() }
        dossier.userID = userID
        dossier.updatedAt = now
    }

    /// The anonymous user's way back to a saved draft.
    public struct ResumeAccess: Sendable {
        public let number: String
        public let passwordHash: String
        public let email: String

        public init(number: String, passwordHash: String, email: String) {
            self.number = number
            self.passwordHash = passwordHash
            self.email = email
        }
    }

    /// *Enregistrer*: the dossier becomes (or stays) *sauvegardé* for 15 days from now;
    /// `access` gives a draft without an account its number and password. The email
    /// (the resume link, or nothing) is queued in the same transaction.
    public static func save(_ dossier: DossierRecord, access: ResumeAccess?, mail: OutboxQueue.Envelope?, now: Date,
                            on db: any Database) async throws {
        let from = dossier.state
        guard let target = try DossierTransition.save.apply(to: from) else { return }
        let before = (dossier.stateValue, dossier.savedAt, dossier.expiresAt, dossier.alertSentAt, dossier.updatedAt,
                      dossier.resumeNumber, dossier.resumePasswordHash, dossier.contactEmail)
        dossier.stateValue = target.rawValue
        dossier.savedAt = now
        dossier.expiresAt = DraftPolicy.expiry(savedAt: now)
        dossier.alertSentAt = nil
        dossier.updatedAt = now
        if let access {
            dossier.resumeNumber = access.number
            dossier.resumePasswordHash = access.passwordHash
            dossier.contactEmail = access.email
        }
        do {
            try await db.writeTransaction { db in
                // Only while the draft still exists: deleted meanwhile, nothing is written.
                let updated = try await db.sql.raw("""
                    UPDATE dossiers SET state = \(bind: dossier.stateValue), saved_at = \(bind: now),
                        expires_at = \(bind: dossier.expiresAt), alert_sent_at = NULL, updated_at = \(bind: now),
                        resume_number = \(bind: dossier.resumeNumber), resume_password_hash = \(bind: dossier.resumePasswordHash),
                        contact_email = \(bind: dossier.contactEmail)
                    WHERE id = \(bind: try dossier.requireID()) AND state IN (\(bind: DossierState.draft.rawValue), \(bind: DossierState.saved.rawValue))
                    RETURNING id
                    """).first()
                guard updated != nil else { throw DossierNotFound() }
                try await record(dossier, .save, from: from, to: target, actor: .citizen, now: now, on: db)
                if let mail { try await OutboxQueue.enqueue(mail, on: db, now: now) }
            }
        } catch {
            // Nothing was stored: the caller may try again (another number) with the
            // dossier as it was.
            (dossier.stateValue, dossier.savedAt, dossier.expiresAt, dossier.alertSentAt, dossier.updatedAt,
             dossier.resumeNumber, dossier.resumePasswordHash, dossier.contactEmail) = before
            throw error
        }
    }

    /// *Abandonner*, or expiry: the dossier, its attachments and their files go.
    public static func delete(_ dossier: DossierRecord, transition: DossierTransition, blobs: any BlobStore,
                              on db: any Database) async throws {
        _ = try transition.apply(to: dossier.state)
        let id = try dossier.requireID()
        let attachments = try await DossierAttachmentRecord.query(on: db).filter(\.$dossierID == id).all()
        try await db.writeTransaction { db in
            try await DossierAttachmentRecord.query(on: db).filter(\.$dossierID == id).delete()
            try await DossierEventRecord.query(on: db).filter(\.$dossierID == id).delete()
            try await DossierRecord.query(on: db).filter(\.$id == id).filter(\.$stateValue != DossierState.submitted.rawValue).delete()
        }
        // After the rows: a file without a row is harmless and collected later.
        for attachment in attachments { try? await blobs.delete(attachment.blobKey, on: db) }
    }

    /// Saved drafts of an account that have not expired, soonest expiry first.
    public static func drafts(userID: UUID, now: Date, on db: any Database) async throws -> [DossierRecord] {
        try await DossierRecord.query(on: db).filter(\.$userID == userID)
            .filter(\.$stateValue == DossierState.saved.rawValue).filter(\.$expiresAt > now)
            .sort(\.$expiresAt).all()
    }

    /// Transmitted dossiers of an account, newest first.
    public static func submitted(userID: UUID, on db: any Database) async throws -> [DossierRecord] {
        try await DossierRecord.query(on: db).filter(\.$userID == userID)
            .filter(\.$stateValue == DossierState.submitted.rawValue).sort(\.$submittedAt, .descending).all()
    }

    /// Account deletion: its drafts are deleted; transmitted dossiers stay with the
    /// organisations that received them, no longer tied to anyone.
    public static func forgetAccount(_ userID: UUID, blobs: any BlobStore, on db: any Database) async throws {
        let drafts = try await DossierRecord.query(on: db).filter(\.$userID == userID)
            .filter(\.$stateValue != DossierState.submitted.rawValue).all()
        for draft in drafts { try await delete(draft, transition: .abandon, blobs: blobs, on: db) }
        try await DossierRecord.query(on: db).filter(\.$userID == userID).set(\.$userID, to: nil).update()
    }

    public static func events(_ dossierID: UUID, on db: any Database) async throws -> [DossierEventRecord] {
        try await DossierEventRecord.query(on: db).filter(\.$dossierID == dossierID).sort(\.$createdAt).all()
    }

    static func record(_ dossier: DossierRecord, _ transition: DossierTransition, from: DossierState, to: DossierState,
                       actor: Actor, now: Date, on db: any Database) async throws {
        let event = DossierEventRecord()
        event.dossierID = try dossier.requireID()
        event.transition = transition.rawValue
        event.fromState = from.rawValue
        event.toState = to.rawValue
        event.actor = actor.description
        event.createdAt = now
        try await event.create(on: db)
    }
}
