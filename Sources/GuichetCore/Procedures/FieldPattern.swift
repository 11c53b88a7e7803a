import Foundation

/// A text field's regular expression: the whole answer must match it. Compiled once,
/// when the definition is read, not at each answer checked.
public struct FieldPattern: @unchecked Sendable {
    /// As written in the definition.
    public let source: String
    // NSRegularExpression is immutable once made and safe to use from any thread.
    private let regex: NSRegularExpression

    /// Nil when `source` is not a valid regular expression.
    public init?(_ source: String) {
        // Checked alone too: "a)|(b" is broken, yet valid once wrapped in the anchors.
        guard (try? NSRegularExpression(pattern: source)) != nil,
              let regex = try? NSRegularExpression(pattern: "^(?:" + source + ")$") else { return nil }
        self.source = source
        self.regex = regex
    }

    public func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
