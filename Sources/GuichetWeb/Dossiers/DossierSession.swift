import Foundation
import GuichetCore
import GuichetOperations
import Vapor

extension Request {
    /// The dossier in progress in this session, if it can still be filled here (see
    /// `DossierFilling.current`); a session naming one that cannot forgets it. `read` is
    /// that dossier when the caller has just read it.
    func currentDossier(read: Dossier? = nil) async throws -> Dossier? {
        guard let id = session.currentDossier else { return nil }
        guard let dossier = try await DossierFilling.current(id, read: read, account: try await currentUser(), in: operations) else {
            session.currentDossier = nil
            return nil
        }
        return dossier
    }

    /// Remembers a transmitted dossier so this session can see its confirmation and
    /// receipt (the last five).
    func rememberSubmitted(_ id: UUID) {
        var recent = session.recentDossiers
        recent.removeAll { $0 == id }
        recent.append(id)
        session.recentDossiers = recent
    }

    /// Whether this request may see a transmitted dossier: its account, or the session
    /// it was transmitted from.
    func maySee(_ dossier: Dossier) async throws -> Bool {
        if let owner = dossier.userID, let user = try await currentUser(), user.id == owner { return true }
        return session.recentDossiers.contains(dossier.id)
    }

    /// The transmitted dossier of a `:reference` parameter that this request may see.
    func visibleSubmittedDossier() async throws -> Dossier {
        guard let typed = parameters.get("reference"), let dossier = try await DossierReads.submitted(reference: typed, in: operations),
              try await maySee(dossier) else { throw WebError.notFound }
        return dossier
    }
}
