import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// *Mes options*: email address, password, alerts, second factor off, deletion.
enum OptionsController {
    @Sendable static func show(req: Request) async throws -> Response {
        let account = try await req.user()
        let notice = req.session.takeFlash(.options).map { PageNotice(kind: .success, text: $0) }
        return req.render(page(account, notice: notice))
    }

    static func page(_ account: Account, notice: PageNotice? = nil, errors: FieldErrors = FieldErrors()) -> OptionsPage {
        OptionsPage(email: account.email, secondFactor: account.secondFactor, maskedPhone: account.maskedSecondFactorPhone,
                    alertStatusChanges: account.alertStatusChanges, alertDraftExpiry: account.alertDraftExpiry,
                    notice: notice, errors: errors)
    }

    // MARK: Email address

    static func emailForm(_ email: String = "", errors: FieldErrors = FieldErrors()) -> PasswordConfirmedForm {
        PasswordConfirmedForm(
            title: "Changement d'adresse électronique",
            intro: ["Un lien de confirmation sera envoyé à la nouvelle adresse : le changement sera fait quand vous l'ouvrirez. L'adresse actuelle sera prévenue."],
            action: .changeEmail,
            fields: [
                TextInput.email(name: "email", label: "Nouvelle adresse électronique", value: email, error: nil),
                TextInput(name: "password", label: "Mot de passe actuel", type: "password", autocomplete: "current-password"),
            ],
            button: "Recevoir le lien de confirmation", errors: errors)
    }

    @Sendable static func changeEmail(req: Request) async throws -> Response {
        _ = try await req.user()
        return req.render(emailForm())
    }

    @Sendable static func submitChangeEmail(req: Request) async throws -> Response {
        let account = try await req.user()
        let body = (try? req.formBody()) ?? FormBody([])
        switch try await AccountOptions.requestEmailChange(account, email: body["email"], password: body["password"], in: req.operations) {
        case .failure(let errors):
            return req.render(emailForm(body["email"], errors: errors), status: .unprocessableEntity)
        case .success(let email):
            req.session.flash(.emailChange, email.value)
            return req.redirect(to: .changeEmailSent)
        }
    }

    @Sendable static func changeEmailSent(req: Request) async throws -> Response {
        let address = req.session.takeFlash(.emailChange) ?? "votre nouvelle adresse"
        return req.render(MessagePage(title: "Confirmez votre nouvelle adresse",
                                      paragraphs: ["Un courriel vient d'être envoyé à \(address). Ouvrez le lien qu'il contient dans les 24 heures pour terminer le changement."],
                                      next: ("Revenir à mes options", .options),
                                      breadcrumb: [("Mon compte", .account), ("Mes options", .options)]))
    }

    /// The link sent to the new address (works whether or not the browser is signed in).
    @Sendable static func confirmEmailChange(req: Request) async throws -> Response {
        let token = (try? req.query.get(String.self, at: "jeton")) ?? ""
        guard try await AccountOptions.confirmEmailChange(token: token, in: req.operations) else {
            return req.render(ExpiredLinkPage(explanation: "Ce lien de confirmation a expiré (il est valable 24 heures) ou a déjà servi. Refaites la demande depuis Mes options.",
                                              next: ("Mes options", .options)), status: .gone)
        }
        return req.render(MessagePage(title: "Votre adresse électronique a été modifiée",
                                      paragraphs: ["Les prochains courriels de Guichet seront envoyés à cette adresse."],
                                      next: ("Mon compte", .account)))
    }

    // MARK: Password

    static func passwordForm(errors: FieldErrors = FieldErrors()) -> PasswordConfirmedForm {
        PasswordConfirmedForm(
            title: "Changement de votre mot de passe",
            intro: ["Les autres connexions ouvertes à votre compte seront fermées."],
            action: .changePassword,
            fields: [
                TextInput(name: "currentPassword", label: "Mot de passe actuel", type: "password", autocomplete: "current-password"),
                TextInput(name: "password", label: "Nouveau mot de passe", type: "password", hint: PasswordPolicy.hint, autocomplete: "new-password"),
            ],
            button: "Changer de mot de passe", errors: errors)
    }

    @Sendable static func changePassword(req: Request) async throws -> Response {
        _ = try await req.user()
        return req.render(passwordForm())
    }

    @Sendable static func submitChangePassword(req: Request) async throws -> Response {
        let account = try await req.user()
        let body = (try? req.formBody()) ?? FormBody([])
        if let errors = try await AccountOptions.changePassword(account, current: body["currentPassword"], new: body["password"],
                                                                keepingSession: req.session.tokenHash, in: req.operations) {
            return req.render(passwordForm(errors: errors), status: .unprocessableEntity)
        }
        req.session.flash(.options, "Votre mot de passe a été modifié. Vos autres connexions ont été fermées.")
        return req.redirect(to: .options)
    }

    // MARK: Alerts

    @Sendable static func saveAlerts(req: Request) async throws -> Response {
        let account = try await req.user()
        let chosen = ((try? req.formBody()) ?? FormBody([])).all("alerts")
        try await AccountOptions.setAlerts(account, statusChanges: chosen.contains("etat"), draftExpiry: chosen.contains("expiration"),
                                           in: req.operations)
        req.session.flash(.options, "Vos alertes sont enregistrées.")
        return req.redirect(to: .options)
    }

    // MARK: Second factor off

    @Sendable static func disableSecondFactor(req: Request) async throws -> Response {
        let account = try await req.user()
        let body = (try? req.formBody()) ?? FormBody([])
        if let errors = try await AccountOptions.disableSecondFactor(account, password: body["password"], currentFactor: body["currentFactor"],
                                                                     in: req.operations) {
            return req.render(page(account, errors: errors), status: .unprocessableEntity)
        }
        req.session.flash(.options, "La connexion avec un code est désactivée.")
        return req.redirect(to: .options)
    }

    // MARK: Deletion

    static func deletionForm(errors: FieldErrors = FieldErrors()) -> PasswordConfirmedForm {
        PasswordConfirmedForm(
            title: "Suppression de votre compte",
            intro: ["Vos coordonnées, vos documents et vos dossiers enregistrés seront effacés. Les dossiers déjà transmis restent auprès des organismes qui les ont reçus. Un courriel vous confirmera la suppression."],
            action: .deleteAccount,
            fields: [TextInput(name: "password", label: "Mot de passe", type: "password", hint: "Pour confirmer que c'est bien vous.",
                               autocomplete: "current-password")],
            button: "Supprimer définitivement mon compte", errors: errors,
            warning: "La suppression est définitive : elle ne peut pas être annulée.")
    }

    @Sendable static func deleteAccount(req: Request) async throws -> Response {
        _ = try await req.user()
        return req.render(deletionForm())
    }

    @Sendable static func submitDeleteAccount(req: Request) async throws -> Response {
        let account = try await req.user()
        let body = (try? req.formBody()) ?? FormBody([])
        if let problem = try await AccountOptions.deleteAccount(account, password: body["password"], in: req.operations) {
            var errors = FieldErrors()
            errors.add("password", problem)
            return req.render(deletionForm(errors: errors), status: .unprocessableEntity)
        }
        req.session.destroy()
        return req.redirect(to: .accountDeleted)
    }

    @Sendable static func accountDeleted(req: Request) async throws -> Response {
        req.render(MessagePage(title: "Votre compte a été supprimé",
                               paragraphs: ["Vos données personnelles, vos documents et vos dossiers enregistrés ont été effacés. Un courriel de confirmation vous a été envoyé."],
                               next: ("Revenir à la page d'accueil", .home)))
    }
}
