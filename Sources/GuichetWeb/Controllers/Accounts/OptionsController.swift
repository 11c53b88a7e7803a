import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// *Mes options*: email address, password, alerts, second factor off, deletion.
enum OptionsController {
    @Sendable static func show(req: Request) async throws -> Response {
        let user = try await req.user()
        let notice = req.session.takeFlash("options").map { PageNotice(kind: .success, text: $0) }
        return req.render(page(user, notice: notice))
    }

    static func page(_ user: UserRecord, notice: PageNotice? = nil, errors: FieldErrors = FieldErrors()) -> OptionsPage {
        OptionsPage(email: user.email, secondFactor: user.secondFactorKind,
                    maskedPhone: user.secondFactorPhone.flatMap(PhoneNumber.init)?.masked,
                    alertStatusChanges: user.alertStatusChanges, alertDraftExpiry: user.alertDraftExpiry,
                    notice: notice, errors: errors)
    }

    /// Checks the current password of a signed-in user; a wrong one counts towards the
    /// lockout like a failed sign-in (a stolen session must not allow guessing it).
    static func confirmPassword(_ password: String, of user: UserRecord, on req: Request) async throws -> String? {
        if password.isEmpty { return "Saisissez votre mot de passe actuel." }
        if let until = user.lockedUntil, LockoutPolicy.isLocked(lockedUntil: until, now: req.now) {
            return LockoutPolicy.lockedMessage(until: until)
        }
        if try await req.guichet.services.passwords.verify(password, against: user.passwordHash) { return nil }
        if case .lockedNow(let until) = try await CredentialCheck.recordFailure(of: user, kind: .signInFailed, on: req) {
            return LockoutPolicy.lockedMessage(until: until)
        }
        return "Le mot de passe actuel est incorrect."
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
        let user = try await req.user()
        let id = try user.requireID()
        let body = (try? req.formBody()) ?? FormBody([])
        var errors = FieldErrors()
        let email = EmailAddress(body["email"])
        if Text.normalized(body["email"]).isEmpty {
            errors.add("email", "Saisissez la nouvelle adresse électronique.")
        } else if email == nil {
            errors.add("email", EmailAddress.invalidMessage)
        } else if email?.comparisonKey == user.emailKey {
            errors.add("email", "C'est déjà l'adresse de votre compte.")
        }
        if errors.isEmpty, let problem = try await confirmPassword(body["password"], of: user, on: req) {
            errors.add("password", problem)
        }
        guard errors.isEmpty, let email else {
            return req.render(emailForm(body["email"], errors: errors), status: .unprocessableEntity)
        }
        let now = req.now
        let mailer = req.mailer
        try await req.commitAccountChange(id, events: [.emailChangeRequested],
                                          mails: [(AccountMails.emailChangeRequested(newAddress: email.value, at: now), to: user.email)]) { db in
            let link = try await AccountLinks.issue(.changeEmail, userID: id, payload: email.value, target: .confirmEmailChange,
                                                    on: db, request: req)
            try await OutboxQueue.enqueue(mailer.compose(AccountMails.emailChangeConfirmation(identifier: user.identifier, link: link),
                                                         to: Mailbox(email.value)), on: db, now: now)
        }
        req.session.flash("email-change", email.value)
        return req.redirect(to: .changeEmailSent)
    }

    @Sendable static func changeEmailSent(req: Request) async throws -> Response {
        let address = req.session.takeFlash("email-change") ?? "votre nouvelle adresse"
        return req.render(MessagePage(title: "Confirmez votre nouvelle adresse",
                                      paragraphs: ["Un courriel vient d'être envoyé à \(address). Ouvrez le lien qu'il contient dans les 24 heures pour terminer le changement."],
                                      next: ("Revenir à mes options", .options),
                                      breadcrumb: [("Mon compte", .account), ("Mes options", .options)]))
    }

    /// The link sent to the new address (works whether or not the browser is signed in).
    @Sendable static func confirmEmailChange(req: Request) async throws -> Response {
        let token = (try? req.query.get(String.self, at: "jeton")) ?? ""
        let now = req.now
        let mailer = req.mailer
        let address = req.clientAddress
        let changed = try await req.db.writeTransaction { db -> Bool in
            guard let used = try await AccountTokens.consume(tokenHash: TokenHash.sha256(token), purpose: .changeEmail, now: now, on: db),
                  let newAddress = used.payload.flatMap(EmailAddress.init), let user = try await Accounts.find(used.userID, on: db) else {
                return false
            }
            let previous = user.email
            try await Accounts.setEmail(used.userID, newAddress, now: now, on: db)
            try await SecurityEvents.record(.emailChanged, userID: used.userID, address: address, now: now, on: db)
            try await OutboxQueue.enqueue(mailer.compose(AccountMails.securityChange(
                "L'adresse électronique de votre compte a été remplacée par \(EmailMask.masked(newAddress.value))", at: now),
                to: Mailbox(previous)), on: db, now: now)
            return true
        }
        guard changed else {
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
        let user = try await req.user()
        let id = try user.requireID()
        let body = (try? req.formBody()) ?? FormBody([])
        var errors = FieldErrors()
        if let problem = try await confirmPassword(body["currentPassword"], of: user, on: req) {
            errors.add("currentPassword", problem)
        }
        if let problem = PasswordPolicy.problem(with: body["password"], identifier: user.identifier, email: user.email,
                                                names: [user.lastName, user.firstNames]) {
            errors.add("password", problem.text)
        } else if errors.isEmpty, body["password"] == body["currentPassword"] {
            errors.add("password", "Le nouveau mot de passe doit être différent de l'actuel.")
        }
        guard errors.isEmpty else { return req.render(passwordForm(errors: errors), status: .unprocessableEntity) }
        let hash = try await req.guichet.services.passwords.hash(body["password"])
        let now = req.now
        let current = req.session.tokenHash
        try await req.commitAccountChange(id, events: [.passwordChanged],
                                          mails: [(AccountMails.securityChange("Le mot de passe de votre compte a été modifié", at: now), to: user.email)]) { db in
            try await Accounts.setPasswordHash(id, hash, now: now, on: db)
            try await BrowserSessions.deleteAll(userID: id, except: current, on: db)
        }
        req.session.flash("options", "Votre mot de passe a été modifié. Vos autres connexions ont été fermées.")
        return req.redirect(to: .options)
    }

    // MARK: Alerts

    @Sendable static func saveAlerts(req: Request) async throws -> Response {
        let user = try await req.user()
        let chosen = ((try? req.formBody()) ?? FormBody([])).all("alerts")
        try await Accounts.setAlerts(try user.requireID(), statusChanges: chosen.contains("etat"),
                                     draftExpiry: chosen.contains("expiration"), now: req.now, on: req.db)
        req.session.flash("options", "Vos alertes sont enregistrées.")
        return req.redirect(to: .options)
    }

    // MARK: Second factor off

    @Sendable static func disableSecondFactor(req: Request) async throws -> Response {
        let user = try await req.user()
        let id = try user.requireID()
        let body = (try? req.formBody()) ?? FormBody([])
        if let problem = try await confirmPassword(body["password"], of: user, on: req) {
            var errors = FieldErrors()
            errors.add("password", problem)
            return req.render(page(user, errors: errors), status: .unprocessableEntity)
        }
        let now = req.now
        try await req.commitAccountChange(id, events: [.secondFactorDisabled],
                                          mails: [(AccountMails.securityChange("La connexion avec un code a été désactivée sur votre compte", at: now), to: user.email)]) { db in
            try await Accounts.disableSecondFactor(id, now: now, on: db)
        }
        req.session.flash("options", "La connexion avec un code est désactivée.")
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
        let user = try await req.user()
        let id = try user.requireID()
        let body = (try? req.formBody()) ?? FormBody([])
        if let problem = try await confirmPassword(body["password"], of: user, on: req) {
            var errors = FieldErrors()
            errors.add("password", problem)
            return req.render(deletionForm(errors: errors), status: .unprocessableEntity)
        }
        let now = req.now
        let mailer = req.mailer
        let blobs = req.guichet.blobs
        try await req.db.writeTransaction { db in
            try await OutboxQueue.enqueue(mailer.compose(AccountMails.accountDeleted(identifier: user.identifier), to: Mailbox(user.email)),
                                          on: db, now: now)
            try await Wallet.deleteAll(userID: id, blobs: blobs, on: db)
            // Drafts go; transmitted dossiers stay with their organisations, unlinked.
            try await Dossiers.forgetAccount(id, blobs: blobs, on: db)
            try await Accounts.delete(id, on: db)
        }
        req.session.destroy()
        req.guichet.metrics.event("account_deleted")
        return req.redirect(to: .accountDeleted)
    }

    @Sendable static func accountDeleted(req: Request) async throws -> Response {
        req.render(MessagePage(title: "Votre compte a été supprimé",
                               paragraphs: ["Vos données personnelles, vos documents et vos dossiers enregistrés ont été effacés. Un courriel de confirmation vous a été envoyé."],
                               next: ("Revenir à la page d'accueil", .home)))
    }
}
