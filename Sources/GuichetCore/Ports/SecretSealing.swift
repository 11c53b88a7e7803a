import Foundation

/// Seals the secrets the portal must read back (an account's authenticator-app key),
/// so that a copy of the database alone does not give them away. A sealed value is
/// bound to its account: moved to another row, it no longer opens.
public protocol SecretSealing: Sendable {
    func seal(_ secret: String, account: UUID) throws -> String
    /// The secret, or nil when the value was not sealed for this account under the
    /// current key (a changed key, a value moved or altered). Callers must treat nil
    /// as "no secret" and fail closed, never fall back to an empty one.
    func open(_ stored: String, account: UUID) -> String?
}
