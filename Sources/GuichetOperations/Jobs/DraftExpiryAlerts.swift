import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// The draft-expiry alert job (SPEC §4): one email per saved draft three days before it
/// expires, to the account (if it keeps the alert on) or to the address given when
/// saving without an account.
enum DraftExpiryAlerts {
    @discardableResult
    static func send(guichet: Guichet, now: Date, on db: any Database) async throws -> Int {
        let mailer = guichet.mailer(now: now)
        let catalogue = guichet.procedures
        return try await Dossiers.sendExpiryAlerts(now: now, compose: { dossier, email in
            guard let procedure = catalogue.procedure(dossier.procedureID), let savedAt = dossier.savedAt else { return nil }
            let link = dossier.userID != nil ? guichet.link(.activity) : guichet.link(.resume(number: dossier.resumeNumber ?? ""))
            return try mailer.envelope(DossierMails.expiryAlert(procedure: procedure, until: DraftPolicy.expiry(savedAt: savedAt), link: link),
                                  to: Mailbox(email))
        }, on: db)
    }
}
