import Foundation

/// Unguessable tokens for cookies, links and challenge identifiers.
///
/// `SystemRandomNumberGenerator` reads the operating system's CSPRNG (`getrandom` on
/// Linux), so these are suitable for secrets.
public enum SecureToken {
    public static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Upper-case letters and digits that cannot be confused when read aloud or copied
    /// by hand (no 0/O, 1/I/L).
    public static let readableAlphabet: [Character] = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// `length` characters drawn uniformly from `alphabet` with the system CSPRNG.
    public static func code(length: Int, alphabet: [Character] = readableAlphabet) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// `count` random bytes as unpadded base64url (43 characters for 32 bytes).
    public static func generate(bytes count: Int = 32) -> String {
        Data(bytes(count)).base64URLEncodedString()
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5), safe in URLs and cookies.
    public func base64URLEncodedString() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
