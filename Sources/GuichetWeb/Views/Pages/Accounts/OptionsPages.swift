import GuichetCore
@preconcurrency import Plot

/// *Mon profil > Mes options*.
struct OptionsPage: PageView {
    var email: String
    var secondFactor: SecondFactorKind?
    var maskedPhone: String?
    var alertStatusChanges: Bool
    var alertDraftExpiry: Bool
    var notice: PageNotice?
    var errors = FieldErrors()

    var title: String { "Mes options" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            notice?.component ?? EmptyComponent()
            ErrorSummary(errors: errors)

            HTML.el("h2") { HTML.text("Changement d'adresse électronique") }
            HTML.el("p") { HTML.text("Adresse actuelle : \(email).") }
            HTML.el("p") { HTML.el("a", .href(.changeEmail)) { HTML.text("Changer d'adresse électronique") } }

            HTML.el("h2") { HTML.text("Changement de votre mot de passe") }
            HTML.el("p") { HTML.el("a", .href(.changePassword)) { HTML.text("Changer de mot de passe") } }

            HTML.el("h2") { HTML.text("Connexion avec un code") }
            if let secondFactor {
                HTML.el("p") {
                    HTML.text("Activée : à chaque connexion, un code vous est demandé (\(secondFactor.label)")
                    if let maskedPhone { HTML.text(", au \(maskedPhone)") }
                    HTML.text(").")
                }
                PostForm(action: .disableSecondFactor, csrfToken: context.csrfToken) {
                    TextInput(name: "password", label: "Mot de passe actuel", type: "password",
                              hint: "Pour désactiver la connexion avec un code.", error: errors["password"], autocomplete: "current-password")
                    TextInput(name: "currentFactor",
                              label: secondFactor == .totp ? "Code de votre application ou code de déblocage" : "Code de déblocage",
                              error: errors["currentFactor"], autocomplete: "one-time-code", maxLength: 40, spellcheck: false)
                    ActionButton(label: "Désactiver la connexion avec un code", style: .secondary)
                }
            } else {
                HTML.el("p") { HTML.text("Pour plus de sécurité, demandez un code en plus du mot de passe à chaque connexion.") }
                HTML.el("ul") {
                    HTML.el("li") { HTML.el("a", .href(.smsFactor)) { HTML.text("Recevoir un code par SMS") } }
                    HTML.el("li") { HTML.el("a", .href(.totpFactor)) { HTML.text("Utiliser une application d'authentification") } }
                }
            }

            HTML.el("h2") { HTML.text("Alertes par courriel") }
            PostForm(action: .alerts, csrfToken: context.csrfToken) {
                ChoiceGroup(kind: .checkbox, name: "alerts", legend: "Me prévenir par courriel",
                            choices: [
                                Choice(value: "etat", label: "quand l'état d'un de mes dossiers change"),
                                Choice(value: "expiration", label: "3 jours avant qu'un dossier enregistré expire"),
                            ],
                            selected: (alertStatusChanges ? ["etat"] : []) + (alertDraftExpiry ? ["expiration"] : []))
                ActionButton(label: "Enregistrer mes alertes", style: .secondary)
            }

            HTML.el("h2") { HTML.text("Suppression de votre compte") }
            HTML.el("p") { HTML.el("a", .href(.deleteAccount)) { HTML.text("Supprimer mon compte") } }
        }
    }
}

/// A form asking for a password and other fields, used by several options.
struct PasswordConfirmedForm: PageView {
    var title: String
    var intro: [String]
    var action: SiteURL
    var fields: [TextInput]
    var button: String
    var errors = FieldErrors()
    var warning: String? = nil

    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account), ("Mes options", .options)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            if let warning { Notice(.warning, text: warning) }
            for paragraph in intro { HTML.el("p") { HTML.text(paragraph) } }
            ErrorSummary(errors: errors)
            PostForm(action: action, csrfToken: context.csrfToken) {
                ComponentGroup(members: fields.map { field -> Component in
                    var shown = field
                    shown.error = errors[field.name]
                    return shown
                })
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: button)
                    ButtonLink(label: "Annuler", url: .options, style: .tertiary)
                }
            }
        }
    }
}

/// A short page confirming something was done or sent.
struct MessagePage: PageView {
    var title: String
    var paragraphs: [String]
    var kind: Notice.Kind = .success
    var next: (label: String, url: SiteURL)? = nil
    var breadcrumb: [(label: String, url: SiteURL)] = []

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            Notice(kind) {
                HTML.el("h1", .class("notice__title")) { HTML.text(title) }
                for paragraph in paragraphs { HTML.el("p") { HTML.text(paragraph) } }
            }
            if let next { ButtonLink(label: next.label, url: next.url) }
        }
    }
}
