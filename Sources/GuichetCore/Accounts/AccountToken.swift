import Foundation

/// What a link sent by email allows, and for how long (single use in every case).
public enum AccountTokenPurpose: String, Sendable, CaseIterable, Codable {
    case confirmEmail = "confirm-email"
    case resetPassword = "reset-password"
    case changeEmail = "change-email"

    public var lifetime: TimeInterval {
        switch self {
        case .confirmEmail: 24 * 60 * 60
        case .resetPassword: 30 * 60
        case .changeEmail: 24 * 60 * 60
        }
    }
}

/// Codes sent by SMS: six digits, valid five minutes, three tries, a limited number
/// of sends (SPEC §1).
public enum OneTimeCodePolicy {
    public static let digits = 6
    public static let lifetime: TimeInterval = 5 * 60
    public static let maximumTries = 3
    public static let minimumResendInterval: TimeInterval = 60
    public static let maximumSends = 3

    public static func generate() -> String {
        SecureToken.code(length: digits, alphabet: Array("0123456789"))
    }

    /// What the user typed, without spaces.
    public static func normalizedInput(_ typed: String) -> String {
        typed.filter { !$0.isWhitespace }
    }
}

/// The *code de déblocage*: shown once when a second factor is set up, it removes that
/// factor if the phone or the application is lost. 16 characters (80 bits), shown in
/// groups of four.
public enum UnlockCode {
    public static let length = 16

    public static func generate() -> String {
        let raw = SecureToken.code(length: length)
        return stride(from: 0, to: length, by: 4).map { offset in
            let start = raw.index(raw.startIndex, offsetBy: offset)
            return String(raw[start..<raw.index(start, offsetBy: 4)])
        }.joined(separator: "-")
    }

    /// The canonical form compared with the stored hash: upper case, no separators.
    public static func normalized(_ typed: String) -> String {
        typed.uppercased().filter { $0.isLetter || $0.isNumber }
    }
}

/// Which second factor an account uses.
public enum SecondFactorKind: String, Sendable, Codable {
    case sms
    case totp

    public var label: String {
        switch self {
        case .sms: "code par SMS"
        case .totp: "application d'authentification"
        }
    }
}
