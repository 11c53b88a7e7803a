import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// The *code de sécurité* block: the picture, *Afficher un nouveau code*, *Écouter le
/// code* (a spoken WAV file), and the field to copy it into.
struct CaptchaInput: Component {
    var challenge: CaptchaChallenge
    var error: String? = nil

    var body: Component {
        HTML.el("div", .class("captcha")) {
            HTML.el("p", .class("captcha__heading"), .id("captcha-titre")) { HTML.text("Code de sécurité") }
            HTML.el("div", .class("captcha__challenge")) {
                HTML.void("img", Attr("src", SiteURL.captchaImage(.value(challenge.id)).path),
                          Attr("alt", "Code de sécurité à recopier : image de lettres et de chiffres déformés. Si vous ne pouvez pas la lire, écoutez le code."),
                          Attr("width", String(CaptchaImageSize.width)), Attr("height", String(CaptchaImageSize.height)),
                          .class("captcha__image"))
                HTML.el("div", .class("captcha__actions")) {
                    ActionButton(label: "Afficher un nouveau code", style: .tertiary,
                                 name: "_action", value: CaptchaForm.newCodeAction, skipsValidation: true)
                    HTML.el("a", .href(.captchaAudio(.value(challenge.id))), .class("button button--tertiary")) {
                        HTML.text("Écouter le code")
                        HTML.el("span", .class("sr-only")) { HTML.text(" (fichier audio WAV)") }
                    }
                }
            }
            HTML.void("input", .type("hidden"), .name(CaptchaForm.idField), .value(challenge.id))
            TextInput(name: CaptchaForm.codeField, label: "Recopiez le code de sécurité", value: "",
                      hint: "Le code est composé de chiffres et de lettres, sans distinction entre majuscules et minuscules.",
                      error: error, autocomplete: "off", maxLength: 12, width: "short", spellcheck: false)
        }
    }
}
