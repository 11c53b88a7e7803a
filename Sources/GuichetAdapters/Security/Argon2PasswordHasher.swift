import CArgon2
import Foundation
import GuichetCore
import Synchronization

/// Argon2id through Debian's libargon2 (SPEC §1: m = 19 MiB, t = 2, p = 1, 16-byte
/// salt), in the PHC string format so parameters can be raised later: an older hash is
/// replaced at its owner's next sign-in.
///
/// Hashing is deliberately slow and memory-hungry, so it runs on its own small thread
/// pool, never on the event loops; when too many hashes wait, new ones are refused at
/// once, so a flood of sign-ins cannot stall the other pages.
public final class Argon2PasswordHasher: PasswordHashing {
    public struct Parameters: Sendable, Equatable {
        public var iterations: UInt32 = 2
        public var memoryKiB: UInt32 = 19 * 1024
        public var parallelism: UInt32 = 1
        public var saltLength = 16
        public var hashLength = 32

        public init() {}

        var phcPrefix: String { "$argon2id$v=19$m=\(memoryKiB),t=\(iterations),p=\(parallelism)$" }
    }

    public let parameters: Parameters
    private let pool: BoundedPool

    public init(parameters: Parameters = Parameters(), maximumWaiting: Int = 128) {
        self.parameters = parameters
        pool = BoundedPool(maximumWaiting: maximumWaiting)
    }

    public func hash(_ password: String) async throws -> String {
        let parameters = self.parameters
        let salt = SecureToken.bytes(parameters.saltLength)
        return try await pool.run { try Self.encode(PasswordPolicy.normalized(password), salt: salt, parameters: parameters) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        guard hash.hasPrefix("$argon2id$") else { return false }
        return try await pool.run {
            let bytes = Array(PasswordPolicy.normalized(password).utf8)
            return argon2id_verify(hash, bytes, bytes.count) == ARGON2_OK.rawValue
        }
    }

    private let dummy = Mutex<String?>(nil)

    public func verifyAgainstNothing(_ password: String) async throws {
        let stored: String
        if let cached = dummy.withLock({ $0 }) {
            stored = cached
        } else {
            stored = try await hash("guichet-dummy-password")
            dummy.withLock { $0 = stored }
        }
        _ = try await verify(password, against: stored)
    }

    public func needsRehash(_ hash: String) -> Bool {
        !hash.hasPrefix(parameters.phcPrefix)
    }

    static func encode(_ password: String, salt: [UInt8], parameters: Parameters) throws -> String {
        let bytes = Array(password.utf8)
        let length = argon2_encodedlen(parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                                       UInt32(salt.count), UInt32(parameters.hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let status = argon2id_hash_encoded(parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                                           bytes, bytes.count, salt, salt.count, parameters.hashLength, &encoded, length)
        guard status == ARGON2_OK.rawValue else {
            throw HashingFailure(message: String(cString: argon2_error_message(status)))
        }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    struct HashingFailure: Error {
        let message: String
    }
}
