import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// *Mon compte*, *Mes coordonnées*, *Historique de sécurité*.
enum AccountController {
    @Sendable static func home(req: Request) async throws -> Response {
        let user = try await req.user()
        return req.render(AccountHomePage(name: user.profile.fullName, identifier: user.identifier))
    }

    @Sendable static func profile(req: Request) async throws -> Response {
        let user = try await req.user()
        let notice = req.session.takeFlash("profile").map { PageNotice(kind: .success, text: $0) }
        return req.render(ProfilePage(form: ProfileForm(user.profile), identifier: user.identifier, email: user.email, notice: notice))
    }

    @Sendable static func saveProfile(req: Request) async throws -> Response {
        let user = try await req.user()
        let body = (try? req.formBody()) ?? FormBody([])
        var form = ProfileForm()
        form.civility = body["civility"]
        form.lastName = body["lastName"]
        form.firstNames = body["firstNames"]
        form.birthDate = body["birthDate"]
        form.birthPlace = body["birthPlace"]
        form.addressLine1 = body["addressLine1"]
        form.addressLine2 = body["addressLine2"]
        form.postalCode = body["postalCode"]
        form.city = body["city"]
        form.mobilePhone = body["mobilePhone"]
        form.landlinePhone = body["landlinePhone"]
        switch form.validate(postalCodes: req.guichet.postalCodes, today: CalendarDate(req.now)) {
        case .failure(let errors):
            return req.render(ProfilePage(form: form, errors: errors, identifier: user.identifier, email: user.email),
                              status: .unprocessableEntity)
        case .success(let profile):
            try await Accounts.saveProfile(user, profile, now: req.now, on: req.db)
            try await SecurityEvents.record(.profileUpdated, userID: try user.requireID(), address: req.clientAddress, now: req.now, on: req.db)
            req.session.flash("profile", "Vos coordonnées sont enregistrées.")
            return req.redirect(to: .profile)
        }
    }

    @Sendable static func securityLog(req: Request) async throws -> Response {
        let user = try await req.user()
        let events = try await SecurityEvents.recent(userID: try user.requireID(), on: req.db)
        return req.render(SecurityLogPage(rows: events.map {
            SecurityLogPage.Row(date: $0.createdAt, label: SecurityEventKind(rawValue: $0.kind)?.label ?? $0.kind, address: $0.clientAddress)
        }))
    }
}
