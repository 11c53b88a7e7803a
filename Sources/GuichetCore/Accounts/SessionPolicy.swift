import Foundation

/// Lifetime rules of a browser session (SPEC §1): it ends after 30 minutes without a
/// request, and 12 hours after it began whatever the activity.
public enum SessionPolicy {
    public static let idleTimeout: TimeInterval = 30 * 60
    public static let absoluteTimeout: TimeInterval = 12 * 60 * 60
    /// Activity is written back at most this often, to spare the database a write per request.
    public static let touchInterval: TimeInterval = 60

    public static func isExpired(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) >= idleTimeout || now.timeIntervalSince(createdAt) >= absoluteTimeout
    }

    public static func needsTouch(lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) >= touchInterval
    }
}

/// Which front door a browser session belongs to: the citizens' site or the
/// organisations' inbox. Each has its own cookie and a token is only looked up in its
/// own realm, so a session of one never signs anyone into the other.
public enum SessionRealm: String, Sendable {
    case site
    case agents
}
