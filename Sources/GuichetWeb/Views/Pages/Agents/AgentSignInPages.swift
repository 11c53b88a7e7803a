import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// *Espace des organismes* — sign-in, first step.
struct AgentSignInPage: PageView {
    var email = ""
    var errors = FieldErrors()
    var notice: PageNotice?

    var title: String { "Connexion à l'espace des organismes" }
    var hasErrors: Bool { !errors.isEmpty }
    var space: SiteSpace { .agents(nil) }

    static func notice(for query: [String: String]) -> PageNotice? {
        if query["deconnexion"] != nil { return PageNotice(kind: .success, text: "Vous êtes déconnecté de l'espace des organismes.") }
        if query["session"] == "expiree" { return .sessionExpired }
        return nil
    }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            notice?.component ?? EmptyComponent()
            ErrorSummary(errors: errors)
            HTML.el("p") {
                HTML.text("Cet espace est réservé aux agents des organismes qui reçoivent les dossiers des usagers (mairies, caisses, services de l'État). Votre accès vous est ouvert par une invitation envoyée par courriel.")
            }
            PostForm(action: .agentSignIn, csrfToken: context.csrfToken) {
                TextInput.email(name: "email", label: "Adresse électronique", value: email, hint: "L'adresse à laquelle vous avez reçu votre invitation.",
                                error: errors["email"], autocomplete: "username")
                TextInput(name: "password", label: "Mot de passe", type: "password", error: errors["password"], autocomplete: "current-password")
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Continuer") }
            }
            HTML.el("p") {
                HTML.text("Mot de passe oublié ou application d'authentification perdue ? Demandez à l'administrateur du portail de votre organisme de vous inviter à nouveau. Vous êtes un usager ? ")
                HTML.el("a", .href(.signIn)) { HTML.text("Connectez-vous à votre compte") }
                HTML.text(".")
            }
        }
    }
}

/// The second step: the authenticator application's code (required for agents).
struct AgentSignInCodePage: PageView {
    var error: String?

    var title: String { "Code de votre application" }
    var hasErrors: Bool { error != nil }
    var space: SiteSpace { .agents(nil) }

    func content(_ context: PageContext) -> Component {
        var errors = FieldErrors()
        if let error { errors.add("code", error) }
        return ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            ErrorSummary(errors: errors)
            HTML.el("p") { HTML.text("Saisissez le code de 6 chiffres affiché par votre application d'authentification.") }
            PostForm(action: .agentSignInCode, csrfToken: context.csrfToken) {
                TextInput(name: "code", label: "Code de l'application", error: errors["code"], autocomplete: "one-time-code",
                          inputMode: "numeric", maxLength: 10, width: "short", spellcheck: false)
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Se connecter") }
            }
            HTML.el("p") { HTML.el("a", .href(.agentSignIn)) { HTML.text("Recommencer la connexion") } }
        }
    }
}

/// Accepting an invitation: the password and the authenticator, in one form.
struct AgentInvitationPage: PageView {
    var token: String
    var setup: AgentInvitation.Setup
    var errors = FieldErrors()

    var title: String { "Activer votre accès à l'espace des organismes" }
    var hasErrors: Bool { !errors.isEmpty }
    var space: SiteSpace { .agents(nil) }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            ErrorSummary(errors: errors)
            HTML.el("p") {
                HTML.text("Accès de \(setup.email) pour \(setup.organisationName). Vous verrez les données personnelles des usagers : votre accès est protégé par un mot de passe et par une application d'authentification.")
            }
            PostForm(action: .agentInvitation, csrfToken: context.csrfToken) {
                HTML.void("input", .type("hidden"), .name("jeton"), .value(token))
                HTML.el("h2") { HTML.text("1. Votre mot de passe") }
                TextInput(name: "password", label: "Mot de passe", type: "password", hint: PasswordPolicy.hint, error: errors["password"],
                          autocomplete: "new-password", maxLength: PasswordPolicy.maximumLength)
                TextInput(name: "confirmation", label: "Confirmation du mot de passe", type: "password", error: errors["confirmation"],
                          autocomplete: "new-password", maxLength: PasswordPolicy.maximumLength)
                HTML.el("h2") { HTML.text("2. Votre application d'authentification") }
                HTML.el("p") {
                    HTML.text("Dans votre application (par exemple FreeOTP, Aegis ou celle de votre organisme), ajoutez un compte en scannant ce code, ou en saisissant la clé ci-dessous.")
                }
                if let qr = setup.qrCode { QRCodeImage(code: qr, label: "Code QR de la clé de votre application d'authentification") }
                HTML.el("p") {
                    HTML.text("Clé à saisir : ")
                    HTML.el("code", .class("secret-key")) { HTML.text(TOTPFactorPage.grouped(setup.secret)) }
                }
                TextInput(name: "code", label: "Code affiché par l'application", hint: "6 chiffres, qui changent toutes les 30 secondes.",
                          error: errors["code"], autocomplete: "one-time-code", inputMode: "numeric", maxLength: 10, width: "short", spellcheck: false)
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Activer mon accès") }
            }
        }
    }
}

struct AgentInvitationExpiredPage: PageView {
    var title: String { "Ce lien d'invitation ne fonctionne plus" }
    var space: SiteSpace { .agents(nil) }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") {
                HTML.text("Un lien d'invitation ne fonctionne qu'une fois, pendant 72 heures. Si votre accès est déjà activé, ")
                HTML.el("a", .href(.agentSignIn)) { HTML.text("connectez-vous") }
                HTML.text(". Sinon, demandez à l'administrateur du portail de vous inviter à nouveau.")
            }
        }
    }
}
