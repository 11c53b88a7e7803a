import Crypto
import Foundation

/// Secrets (session tokens, link tokens) are stored as their SHA-256 only: a copy of
/// the database never yields a usable cookie or link.
public enum TokenHash {
    public static func sha256(_ token: String) -> String {
        sha256(Data(token.utf8))
    }

    /// Hex SHA-256 of bytes (attachments' digests, idempotent requests).
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Comparison whose duration does not depend on where the strings differ.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
