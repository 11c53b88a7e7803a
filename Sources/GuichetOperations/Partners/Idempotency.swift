import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// `Idempotency-Key` on the partner API's writes (SPEC §6): the first answer is
/// replayed for the same request; the same key with another request is refused.
public enum Idempotency {
    public static let maximumKeyLength = 255

    /// A key is 1 to 255 visible ASCII characters.
    public static func isValid(_ key: String) -> Bool {
        (1...maximumKeyLength).contains(key.utf8.count) && key.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    public static func claim(_ caller: PartnerCaller, key: String, method: String, path: String, body: Data,
                             in context: OperationContext) async throws -> IdempotencyKeys.Claim {
        let hash = TokenHash.sha256(Data("\(method) \(path)\n".utf8) + body)
        return try await IdempotencyKeys.claim(partnerKeyID: caller.keyID, key: key, requestHash: hash, now: context.now, on: context.db)
    }

    public static func complete(_ id: UUID, status: Int, body: String, in context: OperationContext) async throws {
        try await IdempotencyKeys.complete(id, status: status, body: body, on: context.db)
    }

    public static func release(_ id: UUID, in context: OperationContext) async throws {
        try await IdempotencyKeys.release(id, on: context.db)
    }
}
