import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// *Identifiant oublié ?*
struct ForgotIdentifierPage: PageView {
    var email = ""
    var errors = FieldErrors()
    var captcha: CaptchaChallenge

    var title: String { "Identifiant oublié" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Se connecter", .signIn)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Saisissez l'adresse électronique de votre compte : nous vous enverrons par courriel le ou les identifiants qui y sont liés.") }
            ErrorSummary(errors: errors)
            PostForm(action: .forgotIdentifier, csrfToken: context.csrfToken, defaultAction: "Recevoir mon identifiant") {
                TextInput.email(name: "email", label: "Adresse électronique", value: email, error: errors["email"])
                CaptchaInput(challenge: captcha, error: errors[CaptchaForm.codeField])
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Recevoir mon identifiant") }
            }
        }
    }
}

/// *Mot de passe oublié ?*
struct ForgotPasswordPage: PageView {
    var identifier = ""
    var errors = FieldErrors()
    var captcha: CaptchaChallenge

    var title: String { "Mot de passe oublié" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Se connecter", .signIn)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Saisissez votre identifiant : nous enverrons à l'adresse électronique du compte un lien pour choisir un nouveau mot de passe. Le lien est valable 30 minutes.") }
            ErrorSummary(errors: errors)
            PostForm(action: .forgotPassword, csrfToken: context.csrfToken, defaultAction: "Recevoir un lien") {
                TextInput(name: "identifier", label: "Identifiant", value: identifier, error: errors["identifier"],
                          autocomplete: "username", maxLength: 200, spellcheck: false)
                CaptchaInput(challenge: captcha, error: errors[CaptchaForm.codeField])
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Recevoir un lien") }
            }
            HTML.el("p") {
                HTML.text("Vous ne connaissez plus votre identifiant ? ")
                HTML.el("a", .href(.forgotIdentifier)) { HTML.text("Identifiant oublié ?") }
            }
        }
    }
}

/// The same answer whether or not an account matched, so the page tells nobody
/// which identifiers or addresses exist.
struct RecoverySentPage: PageView {
    let title: String
    let text: String

    static let identifier = RecoverySentPage(
        title: "Vérifiez vos courriels",
        text: "Si un compte est lié à cette adresse électronique, un courriel vient de vous être envoyé avec votre identifiant. Regardez aussi dans le dossier des courriers indésirables."
    )

    static let password = RecoverySentPage(
        title: "Vérifiez vos courriels",
        text: "Si ce compte existe, un courriel vient d'être envoyé à son adresse électronique avec un lien pour choisir un nouveau mot de passe, valable 30 minutes. Si le compte est verrouillé, le courriel indique à partir de quand recommencer."
    )

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p", .class("lead")) { HTML.text(text) }
            HTML.el("p") { HTML.el("a", .href(.signIn)) { HTML.text("Revenir à la page de connexion") } }
        }
    }
}

/// The page the reset link opens.
struct ResetPasswordPage: PageView {
    var token: String
    var errors = FieldErrors()

    var title: String { "Choisissez un nouveau mot de passe" }
    var hasErrors: Bool { !errors.isEmpty }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            ErrorSummary(errors: errors)
            PostForm(action: .resetPassword, csrfToken: context.csrfToken) {
                HTML.void("input", .type("hidden"), .name("jeton"), .value(token))
                TextInput(name: "password", label: "Nouveau mot de passe", type: "password", hint: PasswordPolicy.hint,
                          error: errors["password"], autocomplete: "new-password")
                HTML.el("p") { HTML.text("Une fois le mot de passe changé, toutes les connexions ouvertes à votre compte sont fermées.") }
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Enregistrer le nouveau mot de passe") }
            }
        }
    }
}

/// *Numéro de téléphone modifié*: remove the second factor with the unlock code.
struct PhoneChangedPage: PageView {
    var identifier = ""
    var errors = FieldErrors()

    var title: String { "Numéro de téléphone modifié" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Se connecter", .signIn)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Vous recevez un code par SMS (ou dans une application) pour vous connecter, mais vous avez changé de numéro ou perdu votre téléphone ? Saisissez votre identifiant, votre mot de passe et le code de déblocage qui vous a été donné quand vous avez activé la connexion avec un code. La connexion avec un code sera retirée : vous vous connecterez de nouveau avec votre identifiant et votre mot de passe.") }
            ErrorSummary(errors: errors)
            PostForm(action: .phoneChanged, csrfToken: context.csrfToken) {
                TextInput(name: "identifier", label: "Identifiant", value: identifier, error: errors["identifier"],
                          autocomplete: "username", maxLength: 200, spellcheck: false)
                TextInput(name: "password", label: "Mot de passe", type: "password", error: errors["password"],
                          autocomplete: "current-password")
                TextInput(name: "unlockCode", label: "Code de déblocage", hint: "16 lettres et chiffres, par exemple ABCD-EFGH-JKMN-PQRS.",
                          error: errors["unlockCode"], autocomplete: "off", maxLength: 40, spellcheck: false)
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Valider") }
            }
        }
    }
}
