/// The message an organisation writes to the citizen with a move (SPEC §4, §6).
public enum TrackingMessage {
    public static let maximumLength = 2000

    /// Trimmed; nil when empty.
    public static func normalized(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// Characters a message may not hold: control characters other than tab and line
    /// breaks, and the invisible ones that reorder or hide text in an email (bidirectional
    /// overrides, zero-width spaces, the byte-order mark). A fixed list, so the partner
    /// API's document can state it as the same pattern (`forbiddenPattern`).
    public static func hasForbiddenCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in forbiddenRanges.contains { $0.contains(scalar.value) } }
    }

    static let forbiddenRanges: [ClosedRange<UInt32>] = [
        0x00...0x08, 0x0B...0x0C, 0x0E...0x1F, 0x7F...0x9F, 0x200B...0x200C, 0x200E...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF...0xFEFF,
    ]

    /// `forbiddenRanges` as the JSON Schema pattern of `openapi.json`.
    public static var allowedPattern: String {
        "^[^" + forbiddenRanges.map { range in
            range.lowerBound == range.upperBound ? escape(range.lowerBound) : escape(range.lowerBound) + "-" + escape(range.upperBound)
        }.joined() + "]*$"
    }

    private static func escape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
