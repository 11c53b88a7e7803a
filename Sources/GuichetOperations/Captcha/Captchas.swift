import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// A challenge shown on a form: its identifier travels in a hidden field.
public struct CaptchaChallenge: Sendable, Equatable {
    public let id: String
}

/// What a form sent back for its challenge.
public struct CaptchaAnswer: Sendable, Equatable {
    public let id: String
    public let typed: String

    public init(id: String, typed: String) {
        self.id = id
        self.typed = typed
    }
}

/// Issues and checks *codes de sécurité* (SPEC §9): stored server-side, single use,
/// ten minutes; the picture and the spoken version of a live challenge.
public enum Captchas {
    /// The form field that carries a refusal.
    public static let codeField = "captcha"

    public static func issue(in context: OperationContext) async throws -> CaptchaChallenge {
        let code = context.config.captchaTestCode ?? CaptchaCode.generate()
        return CaptchaChallenge(id: try await CaptchaStore.create(code: code, now: context.now, on: context.db))
    }

    /// Uses up the challenge and checks the typed code against it.
    public static func verify(_ answer: CaptchaAnswer, in context: OperationContext) async throws -> CaptchaVerdict {
        let stored = try await CaptchaStore.consume(id: answer.id, on: context.db)
        return CaptchaVerdict.check(typed: answer.typed, stored: stored, now: context.now)
    }

    /// Drops a challenge the user asked to replace.
    public static func discard(id: String, in context: OperationContext) async throws {
        _ = try await CaptchaStore.consume(id: id, on: context.db)
    }

    /// The picture of a live challenge.
    public static func image(id: String, in context: OperationContext) async throws -> [UInt8] {
        guard let code = try await CaptchaStore.code(id: id, now: context.now, on: context.db) else { throw OperationError.notFound }
        return context.guichet.captchaImages.png(code: code, seed: id)
    }

    /// The spoken code of a live challenge (each runs a speech engine: limited per client).
    public static func audio(id: String, in context: OperationContext) async throws -> Data {
        try await OperationError.limit(.captchaAudio, subject: context.clientLimitKey, in: context)
        guard let code = try await CaptchaStore.code(id: id, now: context.now, on: context.db) else { throw OperationError.notFound }
        do {
            return try await context.guichet.services.speech.wav(speaking: spokenText(for: code))
        } catch {
            throw OperationError.unavailable("L'écoute du code est momentanément indisponible. Affichez un nouveau code ou réessayez dans quelques instants.")
        }
    }

    /// What the speech engine reads: the code spelled out, twice.
    public static func spokenText(for code: String) -> String {
        let spelled = CaptchaCode.spokenFrench(code).joined(separator: ", ")
        return "Code de sécurité : \(spelled). Je répète : \(spelled)."
    }
}
