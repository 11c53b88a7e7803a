import Foundation

/// How long drafts live (SPEC §4): a saved draft and its resume link are valid 15 days
/// after the last save, with an alert 3 days before the end. A draft never saved lives
/// only as long as the longest browser session.
public enum DraftPolicy {
    public static let lifetime: TimeInterval = 15 * 24 * 3600
    public static let alertBefore: TimeInterval = 3 * 24 * 3600
    public static let unsavedLifetime: TimeInterval = SessionPolicy.absoluteTimeout

    public static func expiry(savedAt: Date) -> Date { savedAt.addingTimeInterval(lifetime) }

    /// Expired from the very instant 15 days have passed.
    public static func isExpired(savedAt: Date, now: Date) -> Bool { now >= expiry(savedAt: savedAt) }

    public static func alertTime(savedAt: Date) -> Date { expiry(savedAt: savedAt).addingTimeInterval(-alertBefore) }

    /// Whether the expiry alert is due: from 12 days after the save until expiry, once.
    public static func isAlertDue(savedAt: Date, alertSentAt: Date?, now: Date) -> Bool {
        alertSentAt == nil && now >= alertTime(savedAt: savedAt) && !isExpired(savedAt: savedAt, now: now)
    }
}
