import Foundation

/// The *code de sécurité* (SPEC §9): letters and digits that people read from a
/// distorted image or hear spelled out.
public enum CaptchaCode {
    /// Glyphs that cannot be mistaken for one another once distorted: no 0/O/Q/D,
    /// 1/I/L/J, 5/S, 2/Z, 8/B, G/6, U/V.
    public static let alphabet: [Character] = Array("ACEFHKMNPRTWXY34679")
    public static let lifetime: TimeInterval = 10 * 60

    /// A new code of 6 or 7 characters.
    public static func generate<R: RandomNumberGenerator>(using generator: inout R) -> String {
        let length = Int.random(in: 6...7, using: &generator)
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// What the user typed, compared without case and ignoring spaces.
    public static func normalizedInput(_ typed: String) -> String {
        typed.uppercased().filter { !$0.isWhitespace }
    }

    /// The French words a speech engine reads for each character, one per character.
    public static func spokenFrench(_ code: String) -> [String] {
        code.uppercased().map { character in
            switch character {
            case "A": "a"
            case "C": "cé"
            case "E": "e"
            case "F": "èf"
            case "H": "hache"
            case "K": "ka"
            case "M": "èm"
            case "N": "ènne"
            case "P": "pé"
            case "R": "ère"
            case "T": "té"
            case "W": "double vé"
            case "X": "ixe"
            case "Y": "i grec"
            case "3": "trois"
            case "4": "quatre"
            case "6": "six"
            case "7": "sept"
            case "9": "neuf"
            default: String(character)
            }
        }
    }
}

/// The outcome of checking a typed code against a stored challenge.
public enum CaptchaVerdict: Sendable, Equatable {
    case valid
    case missing
    case wrong
    /// Unknown, already used, or older than ten minutes: the user needs a new code.
    case expired

    /// Compares what the user typed with the stored challenge, which the caller has
    /// already removed from storage so that it can never be tried twice.
    public static func check(typed: String, stored: (code: String, expiresAt: Date)?, now: Date) -> CaptchaVerdict {
        let typed = CaptchaCode.normalizedInput(typed)
        if typed.isEmpty { return .missing }
        guard let stored, stored.expiresAt > now else { return .expired }
        return typed == CaptchaCode.normalizedInput(stored.code) ? .valid : .wrong
    }

    /// The message shown next to the field, or nil when the code was right.
    public var message: String? {
        switch self {
        case .valid: nil
        case .missing: "Recopiez le code de sécurité."
        case .wrong: "Le code de sécurité ne correspond pas. Recopiez le nouveau code affiché."
        case .expired: "Le code de sécurité a expiré ou a déjà servi. Recopiez le nouveau code affiché."
        }
    }
}
