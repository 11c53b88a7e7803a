import Foundation
import GuichetCore
import GuichetStore
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
            req.session[DossierSessionKeys.next] = next.stored
            return req.redirect(to: .fillConflict)
        }
        return try await openNow(next, on: req)
    }

    /// Opens `next` now (nothing is in progress any more).
    static func openNow(_ next: PendingOpening, on req: Request) async throws -> Response {
        req.session[DossierSessionKeys.next] = nil
        switch next {
        case .procedure(let id):
            guard let procedure = req.guichet.procedures.procedure(id), procedure.canBeFilledOnline else { throw WebError.notFound }
            let user = try await req.currentUser()
            if procedure.accountRequired, user == nil {
                return req.redirect(to: SiteURL.signIn.with([("retour", SiteURL.procedure(.value(id)).path)]), redirectType: .normal)
            }
            let answers = user.map { procedure.prefilledAnswers(from: PrefillSource(profile: $0.profile, email: $0.email)) } ?? Answers()
            let dossier = try await Dossiers.create(procedureID: id, userID: user?.id, answers: answers, now: req.now, on: req.db)
            req.setCurrentDossier(dossier.id)
            req.guichet.metrics.event("dossier_started")
            return req.redirect(to: .fillStep(.value("1")))
        case .dossier(let id):
            let user = try await req.currentUser()
            guard let dossier = try await Dossiers.find(id, on: req.db), dossier.state == .saved else { throw WebError.notFound }
            // An account's own draft, or a draft without an account whose password was
            // given in this session.
            let unlocked = req.session[DossierSessionKeys.unlocked] == id.uuidString
            guard dossier.userID == nil ? unlocked : dossier.userID == user?.id else { throw WebError.notFound }
            if let savedAt = dossier.savedAt, DraftPolicy.isExpired(savedAt: savedAt, now: req.now) {
                return req.render(DraftExpiredPage(), status: .gone)
            }
            req.setCurrentDossier(dossier.id)
            return try resumeFilling(dossier, on: req)
        }
    }

    /// Back to the step the user was last on.
    static func resumeFilling(_ dossier: DossierRecord, on req: Request) throws -> Response {
        let procedure = try req.procedure(of: dossier)
        let step = min(max(dossier.currentStep, 0), max(procedure.steps.count - 1, 0))
        return req.redirect(to: .fillStep(.value(String(step + 1))))
    }
}
