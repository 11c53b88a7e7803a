import Crypto
import Foundation
import GuichetCore

/// Seals the secrets the portal must read back — an account's authenticator-app key —
/// with AES-GCM under `SECRET_KEY`, so that a copy of the database alone does not give
/// them away. Each sealed value is bound to its account: moved to another row, it no
/// longer opens.
public struct SecretSealer: SecretSealing {
    /// Marks a sealed value, and the scheme, should it ever change.
    static let prefix = "v1:"
    private let key: SymmetricKey

    /// `key`: 32 bytes.
    public init(key: Data) {
        precondition(key.count == 32, "SECRET_KEY must be 32 bytes")
        self.key = SymmetricKey(data: key)
    }

    public static func newKey() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    public func seal(_ secret: String, account: UUID) throws -> String {
        let box = try AES.GCM.seal(Data(secret.utf8), using: key, authenticating: Data(account.uuidString.utf8))
        guard let combined = box.combined else { throw SealingFailure() }
        return Self.prefix + combined.base64EncodedString()
    }

    /// The secret, or nil when the value was not sealed for this account under this key
    /// (a changed `SECRET_KEY`, a value moved or altered). A value stored before sealing
    /// existed (no prefix) is returned as it is.
    public func open(_ stored: String, account: UUID) -> String? {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        guard let combined = Data(base64Encoded: String(stored.dropFirst(Self.prefix.count))),
              let box = try? AES.GCM.SealedBox(combined: combined),
              let plain = try? AES.GCM.open(box, using: key, authenticating: Data(account.uuidString.utf8)) else {
            return nil
        }
        return String(data: plain, encoding: .utf8)
    }

    /// Whether a stored value is sealed (rather than stored before sealing existed).
    public static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    struct SealingFailure: Error {}
}
