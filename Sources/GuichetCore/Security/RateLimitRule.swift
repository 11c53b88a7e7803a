import Foundation

/// A fixed-window limit: at most `limit` events per `window` for one subject (a client
/// address, an account…). Counters live in the database so every instance shares them.
public struct RateLimitRule: Sendable, Equatable {
    public let name: String
    public let limit: Int
    public let window: TimeInterval

    public init(name: String, limit: Int, window: TimeInterval) {
        self.name = name
        self.limit = limit
        self.window = window
    }

    /// The start of the window that contains `now`.
    public func windowStart(at now: Date) -> Date {
        let seconds = now.timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / window).rounded(.down) * window)
    }

    /// The counter's key for a subject at a moment.
    public func key(subject: String, at now: Date) -> String {
        "\(name):\(subject):\(Int(windowStart(at: now).timeIntervalSince1970))"
    }

    public func windowEnd(at now: Date) -> Date {
        windowStart(at: now).addingTimeInterval(window)
    }

    /// Messages sent through *Poser votre question* from one client address.
    public static let contactMessages = RateLimitRule(name: "contact", limit: 10, window: 60 * 60)
    /// Activation emails re-sent for one account.
    public static let activationEmails = RateLimitRule(name: "activation-emails", limit: 5, window: 60 * 60)
    /// Password-reset emails for one account (so the form cannot flood a mailbox).
    public static let resetEmails = RateLimitRule(name: "reset-emails", limit: 3, window: 60 * 60)
    /// SMS codes sent for one account.
    public static let smsCodes = RateLimitRule(name: "sms-codes", limit: 10, window: 60 * 60)
    /// Spoken captchas generated for one client address (each runs a speech engine).
    public static let captchaAudio = RateLimitRule(name: "captcha-audio", limit: 30, window: 10 * 60)
    /// Attempts to open a draft saved without an account, per client address and per
    /// dossier number: the 12-character password cannot be guessed by trying.
    public static let resumeAttempts = RateLimitRule(name: "resume-attempts", limit: 10, window: 15 * 60)
    /// Drafts saved without an account, per client address and per email address: each
    /// save sends an email, and the portal must not be a way to flood a mailbox.
    public static let anonymousSaves = RateLimitRule(name: "anonymous-saves", limit: 10, window: 60 * 60)
    public static let anonymousSavesPerRecipient = RateLimitRule(name: "anonymous-saves-recipient", limit: 5, window: 60 * 60)
    /// Dossiers transmitted without an account, per client address and per email
    /// address given: a loop must not flood town halls with requests.
    public static let anonymousSubmissions = RateLimitRule(name: "anonymous-submissions", limit: 10, window: 60 * 60)
    public static let anonymousSubmissionsPerRecipient = RateLimitRule(name: "anonymous-submissions-recipient", limit: 10, window: 24 * 60 * 60)
    /// Reference lookups from one client address.
    public static let referenceLookups = RateLimitRule(name: "reference-lookups", limit: 30, window: 15 * 60)
}
