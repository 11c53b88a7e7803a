import FluentKit
import FluentSQL
import Foundation
import GuichetCore

extension Dossiers {
    /// A saved draft whose expiry alert is due, claimed so that one instance sends it.
    public struct DueAlert: Sendable {
        public let dossier: DossierRecord
        /// The account's address, or the address given when saving without an account.
        public let email: String
    }

    /// Claims the drafts whose alert is due (`DraftPolicy`): from 12 days after the last
    /// save, once per save. `compose` makes the email, queued with the claim in one
    /// transaction; returning nil (an account that turned alerts off) sends nothing.
    @discardableResult
    public static func sendExpiryAlerts(now: Date, compose: @escaping @Sendable (DossierRecord, String) throws -> OutboxQueue.Envelope?,
                                        on db: any Database) async throws -> Int {
        let lifetime = DraftPolicy.lifetime, alertBefore = DraftPolicy.alertBefore
        // saved_at <= now − (lifetime − alertBefore) ⟺ now >= alert time.
        let candidates = try await DossierRecord.query(on: db)
            .filter(\.$stateValue == DossierState.saved.rawValue)
            .filter(\.$alertSentAt == nil)
            .filter(\.$savedAt <= now.addingTimeInterval(-(lifetime - alertBefore)))
            .filter(\.$expiresAt > now)
            .all()
        var sent = 0
        for dossier in candidates {
            guard let savedAt = dossier.savedAt, DraftPolicy.isAlertDue(savedAt: savedAt, alertSentAt: nil, now: now) else { continue }
            let email: String?
            if let userID = dossier.userID {
                email = try await UserRecord.find(userID, on: db).map { $0.alertDraftExpiry ? $0.email : nil } ?? nil
            } else {
                email = dossier.contactEmail
            }
            let id = try dossier.requireID()
            let claimed: Bool = try await db.writeTransaction { db in
                let row = try await db.sql.raw("""
                    UPDATE dossiers SET alert_sent_at = \(bind: now)
                    WHERE id = \(bind: id) AND alert_sent_at IS NULL AND saved_at = \(bind: savedAt)
                    RETURNING id
                    """).first()
                guard row != nil else { return false }
                if let email, let message = try compose(dossier, email) {
                    try await OutboxQueue.enqueue(message, on: db, now: now)
                    return true
                }
                return false
            }
            if claimed { sent += 1 }
        }
        return sent
    }

    /// Deletes saved drafts past their expiry, and drafts never saved whose browser
    /// session has necessarily ended, with their attachments.
    @discardableResult
    public static func purgeExpired(now: Date, blobs: any BlobStore, on db: any Database) async throws -> Int {
        let expired = try await DossierRecord.query(on: db)
            .filter(\.$stateValue == DossierState.saved.rawValue).filter(\.$expiresAt <= now).all()
        let abandoned = try await DossierRecord.query(on: db)
            .filter(\.$stateValue == DossierState.draft.rawValue)
            .filter(\.$updatedAt <= now.addingTimeInterval(-DraftPolicy.unsavedLifetime)).all()
        for dossier in expired { try await delete(dossier, transition: .expire, blobs: blobs, on: db) }
        for dossier in abandoned { try await delete(dossier, transition: .abandon, blobs: blobs, on: db) }
        return expired.count + abandoned.count
    }
}
