import Foundation

/// `SECRET_KEY` and the embedded mode's `secret.key`: 32 random bytes in base64.
public enum SecretKey {
    public static let byteCount = 32

    /// The key's bytes, or nil when the text is not 32 bytes in base64.
    public static func decode(base64 text: String) -> Data? {
        Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { $0.count == byteCount ? $0 : nil }
    }
}
