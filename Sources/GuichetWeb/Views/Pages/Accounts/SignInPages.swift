import GuichetCore
@preconcurrency import Plot

/// *Se connecter*.
struct SignInPage: PageView {
    var identifier = ""
    var errors = FieldErrors()
    var notice: PageNotice?
    var returnTo: String?
    /// The password was right but the address is not confirmed yet.
    var awaitingActivation = false

    var title: String { "Se connecter" }
    var hasErrors: Bool { !errors.isEmpty }

    /// Messages for the `?…` flags other pages redirect with.
    static func notice(for query: [String: String]) -> PageNotice? {
        if query["deconnexion"] != nil { return PageNotice(kind: .success, text: "Vous êtes déconnecté. À bientôt !") }
        if query["session"] == "expiree" { return .sessionExpired }
        if query["mot-de-passe"] == "modifie" { return PageNotice(kind: .success, text: "Votre mot de passe a été modifié. Connectez-vous avec le nouveau mot de passe.") }
        if query["code"] == "retire" {
            return PageNotice(kind: .success, text: "La connexion avec un code a été retirée de votre compte. Connectez-vous avec votre identifiant et votre mot de passe ; vous pourrez ensuite enregistrer votre nouveau numéro.")
        }
        if query["compte"] == "active" { return PageNotice(kind: .success, text: "Votre compte est activé. Vous pouvez vous connecter.") }
        if query["activation"] == "renvoyee" { return PageNotice(kind: .info, text: "Un nouveau courriel d'activation vous a été envoyé. Ouvrez le lien qu'il contient dans les 24 heures.") }
        return nil
    }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            notice?.component ?? EmptyComponent()
            ErrorSummary(errors: errors)
            if awaitingActivation {
                Notice(.warning, title: "Votre compte n'est pas encore activé") {
                    HTML.el("p") { HTML.text("Ouvrez le lien du courriel d'activation envoyé à votre adresse électronique. Vous ne le trouvez plus, ou il a expiré ?") }
                    PostForm(action: .resendActivation, csrfToken: context.csrfToken) {
                        ActionButton(label: "Renvoyer le courriel d'activation", style: .secondary)
                    }
                }
            }
            PostForm(action: .signIn, csrfToken: context.csrfToken) {
                if let returnTo { HTML.void("input", .type("hidden"), .name("retour"), .value(returnTo)) }
                TextInput(name: "identifier", label: "Identifiant", value: identifier, error: errors["identifier"],
                          autocomplete: "username", maxLength: 200, spellcheck: false)
                HTML.el("p", .class("field-link")) { HTML.el("a", .href(.forgotIdentifier)) { HTML.text("Identifiant oublié ?") } }
                TextInput(name: "password", label: "Mot de passe", type: "password", error: errors["password"],
                          autocomplete: "current-password")
                HTML.el("p", .class("field-link")) { HTML.el("a", .href(.forgotPassword)) { HTML.text("Mot de passe oublié ?") } }
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Se connecter") }
            }
            HTML.el("h2") { HTML.text("Vous n'avez pas de compte ?") }
            ButtonLink(label: "Créer un compte", url: .signUp, style: .secondary)
            HTML.el("h2") { HTML.text("Vous avez changé de numéro de téléphone ?") }
            HTML.el("p") {
                HTML.text("Si vous recevez un code par SMS pour vous connecter et que vous avez changé de numéro : ")
                HTML.el("a", .href(.phoneChanged)) { HTML.text("Numéro de téléphone modifié") }
                HTML.text(".")
            }
        }
    }
}

/// The second step of a sign-in with a second factor.
struct SignInCodePage: PageView {
    var kind: SecondFactorKind
    var maskedPhone: String?
    var errors = FieldErrors()
    var notice: PageNotice?

    var title: String { kind == .sms ? "Code reçu par SMS" : "Code de votre application" }
    var hasErrors: Bool { !errors.isEmpty }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            notice?.component ?? EmptyComponent()
            ErrorSummary(errors: errors)
            HTML.el("p") {
                if kind == .sms {
                    HTML.text("Un code de 6 chiffres vient d'être envoyé par SMS au \(maskedPhone ?? "numéro enregistré"). Il expire dans 5 minutes.")
                } else {
                    HTML.text("Saisissez le code de 6 chiffres affiché par votre application d'authentification.")
                }
            }
            PostForm(action: .signInCode, csrfToken: context.csrfToken, defaultAction: "Valider") {
                TextInput(name: "code", label: kind == .sms ? "Code reçu par SMS" : "Code de l'application", error: errors["code"],
                          autocomplete: "one-time-code", inputMode: "numeric", maxLength: 10, width: "short", spellcheck: false)
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Valider")
                    if kind == .sms {
                        ActionButton(label: "Recevoir un nouveau code", style: .secondary, name: "_action", value: "renvoyer",
                                     skipsValidation: true)
                    }
                }
            }
            HTML.el("p") {
                HTML.text("Vous n'avez plus votre téléphone ou votre application ? ")
                HTML.el("a", .href(.phoneChanged)) { HTML.text("Numéro de téléphone modifié") }
                HTML.text(" · ")
                HTML.el("a", .href(.signIn)) { HTML.text("Recommencer la connexion") }
            }
        }
    }
}
