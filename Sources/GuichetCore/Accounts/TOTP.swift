import Foundation

/// Time-based one-time passwords (RFC 6238) for authenticator applications: HMAC-SHA-1,
/// 30-second steps, 6 digits, one step of tolerance either side for clock drift.
public enum TOTP {
    public static let step: TimeInterval = 30
    public static let digits = 6
    public static let secretLength = 20

    public static func generateSecret() -> [UInt8] { SecureToken.bytes(secretLength) }

    public static func timeStep(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / step).rounded(.down))
    }

    /// The code for a time step (RFC 4226 dynamic truncation).
    public static func code(secret: [UInt8], step counter: Int64, digits: Int = digits) -> String {
        let message = (0..<8).reversed().map { UInt8((UInt64(bitPattern: counter) >> UInt64($0 * 8)) & 0xFF) }
        let mac = SHA1.hmac(key: secret, message: message)
        let offset = Int(mac[19] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The time step a typed code matches, if it matches now or one step around now
    /// and is later than the last step accepted (a code is never accepted twice).
    public static func matchingStep(_ typed: String, secret: [UInt8], now: Date, after lastUsed: Int64?) -> Int64? {
        let code = typed.filter { !$0.isWhitespace }
        guard code.count == digits, code.allSatisfy(\.isNumber) else { return nil }
        let current = timeStep(at: now)
        for candidate in [current, current - 1, current + 1] where candidate > (lastUsed ?? .min) {
            if constantTimeEqual(Self.code(secret: secret, step: candidate), code) { return candidate }
        }
        return nil
    }

    /// The `otpauth://` address an authenticator application imports.
    public static func provisioningURI(secret: [UInt8], account: String, issuer: String = "Guichet") -> String {
        var components = URLComponents()
        components.scheme = "otpauth"
        components.host = "totp"
        components.path = "/\(issuer):\(account)"
        components.queryItems = [
            URLQueryItem(name: "secret", value: Base32.encode(secret)),
            URLQueryItem(name: "issuer", value: issuer),
            URLQueryItem(name: "digits", value: String(digits)),
            URLQueryItem(name: "period", value: String(Int(step))),
        ]
        return components.string ?? ""
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
