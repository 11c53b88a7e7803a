import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// *Mon compte*, *Mes coordonnées*, *Historique de sécurité*.
enum AccountController {
    @Sendable static func home(req: Request) async throws -> Response {
        let account = try await req.user()
        return req.render(AccountHomePage(name: account.profile.fullName, identifier: account.identifier))
    }

    @Sendable static func profile(req: Request) async throws -> Response {
        let account = try await req.user()
        let notice = req.session.takeFlash(.profile).map { PageNotice(kind: .success, text: $0) }
        return req.render(ProfilePage(form: ProfileForm(account.profile), identifier: account.identifier, email: account.email, notice: notice))
    }

    @Sendable static func saveProfile(req: Request) async throws -> Response {
        let account = try await req.user()
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
        let field = AccountProfile.addressField
        let decision = AddressReview.Decision.read(accepted: body[FieldNames.acceptProposal(field)], keep: body[FieldNames.keepTyped(field)],
                                                   shown: body[FieldNames.shownProposal(field)])
        switch try await AccountProfile.save(account, form: form, decision: decision, in: req.operations) {
        case .saved:
            req.session.flash(.profile, "Vos coordonnées sont enregistrées.")
            return req.redirect(to: .profile)
        case .refused(let errors):
            return req.render(ProfilePage(form: form, errors: errors, identifier: account.identifier, email: account.email),
                              status: .unprocessableEntity)
        case .review(let proposal, let errors):
            return req.render(ProfilePage(form: form, errors: errors, identifier: account.identifier, email: account.email,
                                          proposal: proposal, keepsTyped: decision.keepsTyped),
                              status: .unprocessableEntity)
        }
    }

    @Sendable static func securityLog(req: Request) async throws -> Response {
        let account = try await req.user()
        let entries = try await AccountProfile.securityLog(account, in: req.operations)
        return req.render(SecurityLogPage(rows: entries.map { SecurityLogPage.Row(date: $0.date, label: $0.label, address: $0.address) }))
    }

    @Sendable static func accountLinks(req: Request) async throws -> Response {
        let account = try await req.user()
        return req.render(AccountLinksPage(links: try await AccountLinking.links(of: account, in: req.operations)))
    }
}
