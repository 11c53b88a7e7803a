import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// Opening a procedure or a saved draft in this browser session, one at a time
/// (SPEC §4): with another dossier in progress, the user is first asked what to do
/// with it.
enum DossierOpening {
    /// Opens `next` unless another dossier is in progress, in which case the choice
    /// page is shown first.
    static func open(_ next: PendingOpening, on req: Request) async throws -> Response {
        if let current = try await req.currentDossier() {
            if case .dossier(let id) = next, id == current.id { return try resumeFilling(current, on: req) }
            if case .procedure(let id) = next, id == current.procedureID { return try resumeFilling(current, on: req) }
            req.session.nextOpening = next
            return req.redirect(to: .fillConflict)
        }
        return try await openNow(next, on: req)
    }

    /// Opens `next` now (nothing is in progress any more).
    static func openNow(_ next: PendingOpening, on req: Request) async throws -> Response {
        req.session.nextOpening = nil
        let account = try await req.currentUser()
        switch next {
        case .procedure(let id):
            switch try await DossierFilling.start(id, account: account, in: req.operations) {
            case .signInRequired:
                return req.redirect(to: SiteURL.signIn.with([("retour", SiteURL.procedure(.value(id)).path)]), redirectType: .normal)
            case .started(let dossier):
                req.session.currentDossier = dossier.id
                return req.redirect(to: .fillStep(.value("1")))
            }
        case .dossier(let id):
            switch try await DossierFilling.reopen(id, account: account, unlocked: req.session.unlockedDossier == id, in: req.operations) {
            case .expired:
                return req.render(DraftExpiredPage(), status: .gone)
            case .reopened(let dossier):
                req.session.currentDossier = dossier.id
                return try resumeFilling(dossier, on: req)
            }
        }
    }

    /// Back to the step the user was last on.
    static func resumeFilling(_ dossier: Dossier, on req: Request) throws -> Response {
        let procedure = try req.guichet.procedure(of: dossier)
        let step = min(max(dossier.currentStep, 0), max(procedure.steps.count - 1, 0))
        return req.redirect(to: .fillStep(.value(String(step + 1))))
    }
}
