import Foundation

/// The account lockout of SPEC §1: five consecutive failed sign-ins lock the account,
/// which opens again by itself two hours after it locked.
public enum LockoutPolicy {
    public static let maximumFailures = 5
    public static let lockDuration: TimeInterval = 2 * 60 * 60

    public static func isLocked(lockedUntil: Date?, now: Date) -> Bool {
        guard let lockedUntil else { return false }
        return now < lockedUntil
    }

    /// Failed sign-ins from one client address across all accounts (password
    /// spraying): past this many in the window, that address must wait.
    public static let addressFailures = RateLimitRule(name: "signin-failures", limit: 20, window: 15 * 60)

    /// The sentence shown on the sign-in page and in the email.
    public static func lockedMessage(until: Date) -> String {
        "Votre compte est verrouillé après 5 essais de connexion manqués. Il sera de nouveau accessible le \(FrenchDate.withTime(until))."
    }
}
