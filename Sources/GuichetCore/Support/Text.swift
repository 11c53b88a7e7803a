import Foundation

/// Normalisation applied to every piece of text a user types, before it is validated
/// or stored, so that the same visible text always compares and counts the same way.
public enum Text {
    /// NFC form, line breaks as `\n` (browsers send `\r\n` from a textarea), and
    /// surrounding whitespace removed.
    public static func normalized(_ raw: String) -> String {
        raw.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
            .precomposedStringWithCanonicalMapping
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the text holds control characters other than line breaks and tabs
    /// (when `allowLineBreaks`), which no form field legitimately contains.
    public static func containsControlCharacters(_ text: String, allowLineBreaks: Bool = false) -> Bool {
        text.unicodeScalars.contains { scalar in
            if allowLineBreaks, scalar == "\n" || scalar == "\t" { return false }
            switch scalar.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned:
                // Zero-width joiners and variation selectors are "format" characters that
                // legitimately appear inside emoji; keep them.
                return !(scalar == "\u{200D}" || (0xFE00...0xFE0F).contains(scalar.value))
            default:
                return false
            }
        }
    }

    /// The length a person perceives: grapheme clusters, counted after normalisation.
    /// The browser-side counter counts the same way.
    public static func length(_ text: String) -> Int { text.count }

    /// "1 page", "3 pages": a number and its noun, plural from 2 as in French.
    public static func counted(_ count: Int, _ singular: String) -> String {
        "\(count) \(singular)\(abs(count) > 1 ? "s" : "")"
    }

    /// Lower case without accents, for searches and comparisons that must ignore both.
    public static func folded(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
    }
}
