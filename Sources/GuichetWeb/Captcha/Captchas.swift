import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// A challenge shown on a form: its identifier travels in a hidden field.
struct CaptchaChallenge: Sendable, Equatable {
    let id: String
}

/// Issues and checks *codes de sécurité* (SPEC §9).
enum Captchas {
    static let idField = "captcha_id"
    static let codeField = "captcha"
    /// The value of the submit button that asks for another code.
    static let newCodeAction = "nouveau-code"

    static func issue(on request: Request) async throws -> CaptchaChallenge {
        let code = request.guichet.config.captchaTestCode ?? CaptchaCode.generate()
        return CaptchaChallenge(id: try await CaptchaStore.create(code: code, now: request.now, on: request.db))
    }

    /// Uses up the challenge named in the form and checks the typed code against it.
    static func verify(_ form: FormBody, on request: Request) async throws -> CaptchaVerdict {
        let stored = try await CaptchaStore.consume(id: form[idField], on: request.db)
        return CaptchaVerdict.check(typed: form[codeField], stored: stored, now: request.now)
    }

    /// Drops a challenge the user asked to replace.
    static func discard(_ form: FormBody, on request: Request) async throws {
        _ = try await CaptchaStore.consume(id: form[idField], on: request.db)
    }

    /// What the speech engine reads: the code spelled out, twice.
    static func spokenText(for code: String) -> String {
        let spelled = CaptchaCode.spokenFrench(code).joined(separator: ", ")
        return "Code de sécurité : \(spelled). Je répète : \(spelled)."
    }
}
