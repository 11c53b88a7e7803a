import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// *Créer un compte*.
struct SignUpPage: PageView {
    var form = SignUpForm()
    var errors = FieldErrors()
    var captcha: CaptchaChallenge

    var title: String { "Créer un compte" }
    var hasErrors: Bool { !errors.isEmpty }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Votre compte vous permet d'enregistrer vos démarches pour les reprendre plus tard, de les suivre, et de conserver vos justificatifs. Les informations demandées sont obligatoires.") }
            ErrorSummary(errors: errors)
            PostForm(action: .signUp, csrfToken: context.csrfToken, defaultAction: "Créer mon compte") {
                HTML.el("h2") { HTML.text("Vos identifiants") }
                TextInput(name: "identifier", label: "Identifiant", value: form.identifier, hint: AccountIdentifier.rulesHint,
                          error: errors["identifier"], autocomplete: "username", maxLength: 64, spellcheck: false)
                TextInput(name: "password", label: "Mot de passe", type: "password", hint: PasswordPolicy.hint,
                          error: errors["password"], autocomplete: "new-password")
                TextInput.email(name: "email", label: "Adresse électronique", value: form.email,
                                hint: EmailAddress.hint + ". Un lien d'activation y sera envoyé.", error: errors["email"])
                HTML.el("h2") { HTML.text("Vous") }
                ChoiceGroup(kind: .radio, name: "civility", legend: "Civilité",
                            choices: Civility.allCases.map { Choice(value: $0.rawValue, label: $0.label) },
                            selected: [form.civility], error: errors["civility"], isInline: true)
                TextInput(name: "lastName", label: "Nom", value: form.lastName, error: errors["lastName"],
                          autocomplete: "family-name", maxLength: 100)
                TextInput(name: "firstNames", label: "Prénoms", value: form.firstNames, error: errors["firstNames"],
                          autocomplete: "given-name", maxLength: 100)
                HTML.el("h2") { HTML.text("Et pour terminer") }
                CaptchaInput(challenge: captcha, error: errors[CaptchaForm.codeField])
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Créer mon compte") }
            }
        }
    }
}

/// After creation: the account waits for its address to be confirmed.
struct SignUpSentPage: PageView {
    var email: String?

    var title: String { "Activez votre compte" }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            Notice(.success) {
                HTML.el("h1", .class("notice__title")) { HTML.text(title) }
                HTML.el("p") {
                    HTML.text("Votre compte est créé. Pour l'activer, ouvrez le lien du courriel envoyé à ")
                    HTML.el("strong") { HTML.text(email ?? "votre adresse électronique") }
                    HTML.text(" dans les 24 heures.")
                }
            }
            HTML.el("p") { HTML.text("Vous ne recevez rien ? Regardez dans le dossier des courriers indésirables. Vous pourrez aussi redemander le courriel en vous connectant.") }
        }
    }
}

/// The answer to an email link that no longer works.
struct ExpiredLinkPage: PageView {
    var title: String { "Ce lien n'est plus valable" }
    var explanation: String
    var next: (label: String, url: SiteURL)

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p", .class("lead")) { HTML.text(explanation) }
            ButtonLink(label: next.label, url: next.url)
        }
    }
}
