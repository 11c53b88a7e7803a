import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// `Idempotency-Key` on the partner API's writes: the first answer is kept 24 hours
/// and replayed for the same request; the key is refused with another request.
public enum IdempotencyKeys {
    public static let retention: TimeInterval = 24 * 3600
    /// A claim without an answer after this long was left by a request that died.
    static let abandonedAfter: TimeInterval = 60

    public enum Claim: Sendable, Equatable {
        /// First use: make the answer, then `complete`.
        case claimed(UUID)
        case replay(status: Int, body: String)
        /// The key was used with another request.
        case mismatch
        /// The first request with this key is still being answered.
        case inProgress
    }

    public static func claim(partnerKeyID: UUID, key: String, requestHash: String, now: Date, on db: any Database) async throws -> Claim {
        for _ in 0..<2 {
            if let existing = try await IdempotencyKeyRecord.query(on: db).filter(\.$partnerKeyID == partnerKeyID)
                .filter(\.$key == key).first() {
                // Expired, or claimed by a request that never finished (a process
                // stopped in between): free again.
                let abandoned = existing.status == nil && existing.createdAt < now.addingTimeInterval(-abandonedAfter)
                if existing.createdAt < now.addingTimeInterval(-retention) || abandoned {
                    try await existing.delete(on: db)
                    continue
                }
                guard existing.requestHash == requestHash else { return .mismatch }
                guard let status = existing.status, let body = existing.body else { return .inProgress }
                return .replay(status: status, body: body)
            }
            let record = IdempotencyKeyRecord()
            record.id = UUID()
            record.partnerKeyID = partnerKeyID
            record.key = key
            record.requestHash = requestHash
            record.createdAt = now
            do {
                try await record.create(on: db)
                return .claimed(try record.requireID())
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // Claimed by a concurrent request in between: read its state.
                continue
            }
        }
        return .inProgress
    }

    public static func complete(_ id: UUID, status: Int, body: String, on db: any Database) async throws {
        try await db.sql.raw("UPDATE idempotency_keys SET status = \(bind: status), body = \(bind: body) WHERE id = \(bind: id)").run()
    }

    /// Frees a key whose request failed before answering (it may be retried).
    public static func release(_ id: UUID, on db: any Database) async throws {
        try await IdempotencyKeyRecord.query(on: db).filter(\.$id == id).delete()
    }

    public static func purge(olderThan date: Date, on db: any Database) async throws {
        try await IdempotencyKeyRecord.query(on: db).filter(\.$createdAt < date).delete()
    }
}
