import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// *Mon activité* (SPEC §4): saved drafts with their expiry and *Compléter*, transmitted
/// dossiers with each organisation's status; a dossier's page; and following a dossier
/// by its reference.
enum TrackingController {
    @Sendable static func activity(req: Request) async throws -> Response {
        let user = try await req.user()
        let userID = try user.requireID()
        let catalogue = req.guichet.procedures
        let drafts = try await Dossiers.drafts(userID: userID, now: req.now, on: req.db).compactMap { dossier -> ActivityPage.Draft? in
            guard let id = dossier.id, let savedAt = dossier.savedAt else { return nil }
            return ActivityPage.Draft(id: id, title: catalogue.procedure(dossier.procedureID)?.title ?? dossier.procedureID,
                                      savedAt: savedAt, expiresAt: DraftPolicy.expiry(savedAt: savedAt))
        }
        let dossiers = try await Dossiers.submitted(userID: userID, on: req.db)
        let transmissions = Dictionary(grouping: try await Transmissions.list(dossierIDs: dossiers.compactMap(\.id), on: req.db),
                                       by: \.dossierID)
        let submitted = dossiers.compactMap { dossier -> ActivityPage.Submitted? in
            guard let id = dossier.id, let reference = dossier.reference else { return nil }
            return ActivityPage.Submitted(reference: reference,
                                          title: catalogue.procedure(dossier.procedureID)?.title ?? dossier.procedureID,
                                          submittedAt: dossier.submittedAt ?? dossier.updatedAt,
                                          statuses: (transmissions[id] ?? []).map { ($0.organisationName, $0.state) })
        }
        let notice = req.session.takeFlash("activity").map { PageNotice(kind: .success, text: $0) }
        return req.render(ActivityPage(drafts: drafts, submitted: submitted, notice: notice))
    }

    /// *Compléter*: opens a saved draft (after the choice page if another is in progress).
    @Sendable static func complete(req: Request) async throws -> Response {
        _ = try await req.user()
        guard let id = req.parameters.get("dossier").flatMap(UUID.init(uuidString:)) else { throw WebError.notFound }
        return try await DossierOpening.open(.dossier(id), on: req)
    }

    /// A transmitted dossier of the account.
    @Sendable static func dossier(req: Request) async throws -> Response {
        let user = try await req.user()
        guard let typed = req.parameters.get("reference"), case .success(let reference) = DossierReference.parse(typed),
              let dossier = try await Dossiers.find(reference: reference.description, on: req.db),
              dossier.state == .submitted, dossier.userID == user.id else { throw WebError.notFound }
        return req.render(try await statusPage(dossier, withHistory: true, receipt: true, on: req))
    }

    static func statusPage(_ dossier: DossierRecord, withHistory: Bool, receipt: Bool, on req: Request) async throws -> DossierPage {
        let id = try dossier.requireID()
        let transmissions = try await Transmissions.list(dossierID: id, on: req.db)
        let events = withHistory ? try await Dossiers.events(id, on: req.db) : []
        let names = Dictionary(transmissions.map { ($0.organisationKey, $0.organisationName) }, uniquingKeysWith: { first, _ in first })
        let history = events.compactMap { event -> DossierPage.Event? in
            let what: String
            if let key = event.organisationKey, let state = TransmissionState(rawValue: event.toState) {
                what = "\(names[key] ?? key) : \(state.label.lowercased())"
            } else if let state = DossierState(rawValue: event.toState) {
                what = state.label
            } else { return nil }
            return DossierPage.Event(date: event.createdAt, what: what, message: event.message)
        }
        return DossierPage(reference: dossier.reference ?? "",
                           title: req.guichet.procedures.procedure(dossier.procedureID)?.title ?? dossier.procedureID,
                           submittedAt: dossier.submittedAt ?? dossier.updatedAt,
                           organisations: transmissions.map { .init(name: $0.organisationName, state: $0.state, message: $0.message,
                                                                    updatedAt: $0.updatedAt, contacts: $0.contacts) },
                           history: history, showsReceipt: receipt, inAccount: dossier.userID != nil && withHistory)
    }

    // MARK: Following a dossier by its reference

    static let referenceField = "reference"
    static let emailField = "courriel"

    @Sendable static func lookupForm(req: Request) async throws -> Response {
        req.render(LookupPage())
    }

    @Sendable static func lookup(req: Request) async throws -> Response {
        let body = try req.formBody()
        let typedReference = body[referenceField], typedEmail = body[emailField]
        var errors = FieldErrors()
        let parsed = DossierReference.parse(typedReference)
        if case .failure(let problem) = parsed { errors.add(referenceField, problem.message) }
        let user = try await req.currentUser()
        if case .success(let reference) = parsed, reference.kind == .account, user == nil {
            errors.add(referenceField, "Cette référence commence par A-1 : la démarche a été faite depuis un compte. Connectez-vous pour la suivre dans « Mon activité ».")
        }
        // Needed for a dossier done without an account only.
        let email = EmailAddress.read(typedEmail, whenEmpty: "Saisissez l'adresse électronique donnée dans la démarche.")
        if case .success(let reference) = parsed, reference.kind == .anonymous, errors.isEmpty, case .failure(let refusal) = email {
            errors.add(emailField, refusal.message)
        }
        guard errors.isEmpty, case .success(let reference) = parsed else {
            return req.render(LookupPage(reference: typedReference, email: typedEmail, errors: errors), status: .unprocessableEntity)
        }
        guard try await RateLimiter.hit(.referenceLookups, subject: req.clientAddress, now: req.now, on: req.db) else {
            throw WebError.tooManyRequests(retryAfterSeconds: Int(RateLimitRule.referenceLookups.window))
        }
        let dossier = try await Dossiers.find(reference: reference.description, on: req.db)
        if let dossier, dossier.state == .submitted {
            if let user, dossier.userID == user.id { return req.redirect(to: .activityDossier(.value(reference.description))) }
            if dossier.userID == nil, case .success(let email) = email, let given = dossier.contactEmail,
               EmailAddress(given)?.comparisonKey == email.comparisonKey {
                return req.render(try await statusPage(dossier, withHistory: false, receipt: try await req.maySee(dossier), on: req))
            }
        }
        errors.add(referenceField, user == nil
                   ? "Aucune démarche transmise ne correspond à cette référence et à cette adresse électronique."
                   : "Aucune démarche transmise depuis votre compte ne correspond à cette référence.")
        return req.render(LookupPage(reference: typedReference, email: typedEmail, errors: errors), status: .unprocessableEntity)
    }
}
