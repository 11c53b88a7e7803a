import Foundation

/// The message an organisation writes to the citizen with a status (SPEC §6): shown on
/// the dossier page and in the email.
public enum TrackingMessage {
    public static let maximumLength = 2000

    /// Trimmed; nil when empty.
    public static func normalized(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
