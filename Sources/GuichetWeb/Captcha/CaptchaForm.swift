import Foundation
import GuichetOperations

/// How a form carries its *code de sécurité*: the challenge's id in a hidden field, the
/// typed code, and the button that asks for another code.
enum CaptchaForm {
    static let idField = "captcha_id"
    static let codeField = Captchas.codeField
    /// The value of the submit button that asks for another code.
    static let newCodeAction = "nouveau-code"

    static func answer(_ body: FormBody) -> CaptchaAnswer {
        CaptchaAnswer(id: body[idField], typed: body[codeField])
    }

    /// Whether the user asked for another code rather than sending the form.
    static func wantsNewCode(_ body: FormBody) -> Bool { body["_action"] == newCodeAction }
}
