import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// *Mon activité* (SPEC §4): saved drafts with their expiry and *Compléter*, transmitted
/// dossiers with each organisation's status; a dossier's page; and following a dossier
/// by its reference.
enum TrackingController {
    @Sendable static func activity(req: Request) async throws -> Response {
        let account = try await req.user()
        let activity = try await DossierReads.activity(account, in: req.operations)
        let notice = req.session.takeFlash(.activity).map { PageNotice(kind: .success, text: $0) }
        return req.render(ActivityPage(
            drafts: activity.drafts.map { ActivityPage.Draft(id: $0.id, title: $0.title, savedAt: $0.savedAt, expiresAt: $0.expiresAt) },
            submitted: activity.submitted.map { ActivityPage.Submitted(reference: $0.reference, title: $0.title, submittedAt: $0.submittedAt,
                                                                      statuses: $0.statuses) },
            notice: notice))
    }

    /// *Compléter*: opens a saved draft (after the choice page if another is in progress).
    @Sendable static func complete(req: Request) async throws -> Response {
        _ = try await req.user()
        guard let id = req.parameters.get("dossier").flatMap(UUID.init(uuidString:)) else { throw WebError.notFound }
        return try await DossierOpening.open(.dossier(id), on: req)
    }

    /// A transmitted dossier of the account.
    @Sendable static func dossier(req: Request) async throws -> Response {
        let account = try await req.user()
        guard let typed = req.parameters.get("reference"), let dossier = try await DossierReads.submitted(reference: typed, in: req.operations),
              dossier.userID == account.id else { throw WebError.notFound }
        return req.render(try await statusPage(dossier, withHistory: true, receipt: true, on: req))
    }

    static func statusPage(_ dossier: Dossier, withHistory: Bool, receipt: Bool, on req: Request) async throws -> DossierPage {
        let transmissions = try await DossierReads.transmissions(of: dossier, in: req.operations)
        let history = withHistory ? try await DossierReads.history(of: dossier, transmissions: transmissions, in: req.operations) : []
        return DossierPage(reference: dossier.reference ?? "", title: req.guichet.title(of: dossier), submittedAt: dossier.transmittedAt,
                           organisations: transmissions.map { .init(name: $0.name, state: $0.state, message: $0.message,
                                                                    updatedAt: $0.updatedAt, contacts: $0.contacts) },
                           history: history.map { DossierPage.Event(date: $0.date, what: $0.what, message: $0.message) },
                           showsReceipt: receipt, inAccount: dossier.userID != nil && withHistory,
                           whereToAsk: try await DirectoryGuide.forDossier(dossier, organisationKeys: transmissions.map(\.organisationKey),
                                                                           account: try await req.currentUser(), in: req.operations),
                           now: req.operations.now)
    }

    // MARK: Following a dossier by its reference

    static let referenceField = DossierReads.referenceField
    static let emailField = DossierReads.emailField

    @Sendable static func lookupForm(req: Request) async throws -> Response {
        req.render(LookupPage())
    }

    @Sendable static func lookup(req: Request) async throws -> Response {
        let body = try req.formBody()
        let typedReference = body[referenceField], typedEmail = body[emailField]
        switch try await DossierReads.lookup(reference: typedReference, email: typedEmail, account: try await req.currentUser(),
                                             in: req.operations) {
        case .refused(let errors):
            return req.render(LookupPage(reference: typedReference, email: typedEmail, errors: errors), status: .unprocessableEntity)
        case .ownDossier(let reference):
            return req.redirect(to: .activityDossier(.value(reference)))
        case .found(let dossier):
            return req.render(try await statusPage(dossier, withHistory: false, receipt: try await req.maySee(dossier), on: req))
        }
    }
}
