import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// Step 1 of the SMS factor: the mobile number.
struct SMSFactorPage: PageView {
    var phone: String
    var errors = FieldErrors()
    /// The factor this one would replace, whose proof is asked.
    var replacing: SecondFactorKind?

    var title: String { "Recevoir un code par SMS" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account), ("Mes options", .options)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("À chaque connexion, après votre mot de passe, un code de 6 chiffres vous sera envoyé par SMS. Saisissez le numéro de votre téléphone portable : un premier code va y être envoyé pour le vérifier.") }
            ErrorSummary(errors: errors)
            PostForm(action: .smsFactor, csrfToken: context.csrfToken) {
                TextInput(name: "phone", label: "Numéro de téléphone portable", value: phone, type: "tel",
                          hint: "Par exemple : 06 12 34 56 78", error: errors["phone"], autocomplete: "tel", maxLength: 20)
                OwnerProofFields(errors: errors, replacing: replacing)
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Recevoir un code")
                    ButtonLink(label: "Annuler", url: .options, style: .tertiary)
                }
            }
        }
    }
}

/// Step 2 of the SMS factor: the code received.
struct SMSFactorConfirmPage: PageView {
    var maskedPhone: String
    var errors = FieldErrors()
    var notice: PageNotice?

    var title: String { "Confirmez votre numéro" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account), ("Mes options", .options)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            notice?.component ?? EmptyComponent()
            HTML.el("p") { HTML.text("Un code de 6 chiffres vient d'être envoyé au \(maskedPhone). Il expire dans 5 minutes.") }
            ErrorSummary(errors: errors)
            PostForm(action: .smsFactorConfirm, csrfToken: context.csrfToken, defaultAction: "Confirmer") {
                TextInput(name: "code", label: "Code reçu par SMS", error: errors["code"], autocomplete: "one-time-code",
                          inputMode: "numeric", maxLength: 10, width: "short", spellcheck: false)
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Confirmer")
                    ActionButton(label: "Recevoir un nouveau code", style: .secondary, name: "_action", value: "renvoyer", skipsValidation: true)
                }
            }
        }
    }
}

/// The authenticator application: the code to scan or the secret to type, and the first code.
struct TOTPFactorPage: PageView {
    var secret: String
    var uri: String
    var qrCode: QRMatrix?
    var errors = FieldErrors()
    /// The factor this one would replace, whose proof is asked.
    var replacing: SecondFactorKind?

    var title: String { "Utiliser une application d'authentification" }
    var hasErrors: Bool { !errors.isEmpty }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Mon compte", .account), ("Mes options", .options)] }

    /// The secret in groups of four, easier to type.
    static func grouped(_ secret: String) -> String {
        stride(from: 0, to: secret.count, by: 4).map { offset in
            let start = secret.index(secret.startIndex, offsetBy: offset)
            return String(secret[start..<secret.index(start, offsetBy: min(4, secret.count - offset))])
        }.joined(separator: " ")
    }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p") { HTML.text("Une application d'authentification (FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator…) affiche un code de 6 chiffres qui change toutes les 30 secondes. Il vous sera demandé à chaque connexion.") }
            HTML.el("ol") {
                if let code = qrCode {
                    HTML.el("li") {
                        HTML.text("Dans l'application, ajoutez un compte en scannant ce code :")
                        QRCodeImage(code: code, label: "Code QR du compte Guichet pour l'application d'authentification")
                    }
                }
                HTML.el("li") {
                    HTML.text("Ou ajoutez un compte en saisissant cette clé : ")
                    HTML.el("strong", .class("secret")) { HTML.text(Self.grouped(secret)) }
                    HTML.text(" (type « basé sur le temps »).")
                }
                HTML.el("li") {
                    HTML.text("Ou, depuis ce téléphone, ")
                    HTML.el("a", .href(uri)) { HTML.text("ouvrez directement l'application") }
                    HTML.text(".")
                }
                HTML.el("li") { HTML.text("Saisissez le code affiché par l'application.") }
            }
            ErrorSummary(errors: errors)
            PostForm(action: .totpFactor, csrfToken: context.csrfToken) {
                TextInput(name: "code", label: "Code de l'application", error: errors["code"], autocomplete: "one-time-code",
                          inputMode: "numeric", maxLength: 10, width: "short", spellcheck: false)
                OwnerProofFields(errors: errors, replacing: replacing)
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Activer")
                    ButtonLink(label: "Annuler", url: .options, style: .tertiary)
                }
            }
        }
    }
}

/// Shown once: the unlock code to keep.
struct UnlockCodePage: PageView {
    var code: String
    var kind: SecondFactorKind

    var title: String { "Notez votre code de déblocage" }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            Notice(.success, title: "La connexion avec un code est activée", text: "À votre prochaine connexion, un code vous sera demandé (\(kind.label)).")
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p", .class("unlock-code")) { HTML.el("strong", .id("code-de-deblocage")) { HTML.text(code) } }
            Notice(.warning) {
                HTML.el("p") { HTML.text("Ce code ne sera plus jamais affiché. Conservez-le en lieu sûr, à part de votre téléphone (sur papier, par exemple).") }
                HTML.el("p") { HTML.text("Si vous changez de numéro ou perdez votre téléphone, il vous permettra de retirer la connexion avec un code : page « Numéro de téléphone modifié », avec votre identifiant et votre mot de passe.") }
            }
            ButtonLink(label: "J'ai noté mon code", url: .options)
        }
    }
}

/// The current password and, when a factor is already on, its proof: asked before a
/// factor is turned on, replaced or turned off.
struct OwnerProofFields: Component {
    var errors: FieldErrors
    var replacing: SecondFactorKind?

    var body: Component {
        ComponentGroup {
            TextInput(name: SecondFactorEnrolment.passwordField, label: "Mot de passe actuel", type: "password",
                      hint: "Pour confirmer que c'est bien vous. Vos autres connexions seront fermées.",
                      error: errors[SecondFactorEnrolment.passwordField], autocomplete: "current-password")
            if let replacing {
                TextInput(name: SecondFactorEnrolment.currentFactorField,
                          label: replacing == .totp ? "Code de votre application actuelle ou code de déblocage" : "Code de déblocage",
                          hint: "La connexion avec un code est déjà activée sur votre compte : prouvez que vous y avez accès.",
                          error: errors[SecondFactorEnrolment.currentFactorField], autocomplete: "one-time-code", maxLength: 40,
                          spellcheck: false)
            }
        }
    }
}
