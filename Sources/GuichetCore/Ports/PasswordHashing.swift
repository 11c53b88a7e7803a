import Foundation

/// Turns passwords into stored hashes and checks them (Argon2id in production).
public protocol PasswordHashing: Sendable {
    /// A PHC-format string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, against hash: String) async throws -> Bool
    /// Whether a stored hash uses weaker parameters than today's, so it should be
    /// replaced at the next successful sign-in.
    func needsRehash(_ hash: String) -> Bool
    /// Spends the time of a verification without a stored hash, so that an unknown
    /// identifier answers as slowly as a known one.
    func verifyAgainstNothing(_ password: String) async throws
}
