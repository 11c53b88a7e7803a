import FluentKit
import Foundation
import GuichetCore

/// The outbox: messages are queued in the caller's transaction and delivered later by
/// a worker on any instance.
public enum OutboxQueue {
    /// A message ready for the queue. Its payload (the message as JSON) is sealed by the
    /// caller under `SECRET_KEY`, bound to `id`: the outbox holds reset links, codes and
    /// passwords, and a copy of the database alone must not give them away.
    public struct Envelope: Sendable, Equatable {
        public let id: UUID
        public let channel: OutboxRecord.Channel
        public let recipient: String
        public let summary: String
        public let payload: String

        public init(id: UUID, channel: OutboxRecord.Channel, recipient: String, summary: String, payload: String) {
            self.id = id
            self.channel = channel
            self.recipient = recipient
            self.summary = summary
            self.payload = payload
        }
    }

    /// A message a worker has leased and must now deliver: its payload as stored.
    public struct Claimed: Sendable {
        public let id: UUID
        public let attempts: Int
        public let channel: OutboxRecord.Channel
        public let payload: String
    }

    @discardableResult
    public static func enqueue(_ envelope: Envelope, on db: any Database, now: Date) async throws -> UUID {
        let record = OutboxRecord()
        record.id = envelope.id
        record.channel = envelope.channel
        record.recipient = envelope.recipient
        record.summary = String(envelope.summary.prefix(200))
        record.payload = envelope.payload
        record.status = .pending
        record.attempts = 0
        record.nextAttemptAt = now
        record.createdAt = now
        try await record.create(on: db)
        return envelope.id
    }

    /// Leases up to `limit` due messages. The condition is repeated on the outer
    /// `UPDATE` so that two instances claiming at once never get the same message
    /// (PostgreSQL re-checks it on the locked row; SQLite serialises writers).
    public static func claimDue(now: Date, limit: Int, on db: any Database) async throws -> [Claimed] {
        let leaseUntil = now.addingTimeInterval(DeliveryPolicy.lease)
        let rows = try await db.sql.raw("""
            UPDATE outbox_messages SET lease_until = \(bind: leaseUntil), attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE status = 'pending' AND next_attempt_at <= \(bind: now)
                  AND (lease_until IS NULL OR lease_until < \(bind: now))
                ORDER BY next_attempt_at LIMIT \(bind: limit))
              AND status = 'pending' AND (lease_until IS NULL OR lease_until < \(bind: now))
            RETURNING id, channel, payload, attempts
            """).all()
        return try rows.map { row in
            let channel = try row.decode(column: "channel", as: String.self)
            return Claimed(id: try row.decode(column: "id", as: UUID.self), attempts: try row.decode(column: "attempts", as: Int.self),
                           channel: channel == OutboxRecord.Channel.sms.rawValue ? .sms : .email,
                           payload: try row.decode(column: "payload", as: String.self))
        }
    }

    public static func markSent(_ id: UUID, now: Date, on db: any Database) async throws {
        try await OutboxRecord.query(on: db).filter(\.$id == id)
            .set(\.$status, to: .sent).set(\.$sentAt, to: now)
            .set(\.$leaseUntil, to: nil).set(\.$lastError, to: nil)
            .update()
    }

    public static func markFailed(_ id: UUID, attempts: Int, failure: DeliveryFailure, now: Date,
                                  on db: any Database) async throws {
        switch failure {
        case .transient(let reason):
            try await OutboxRecord.query(on: db).filter(\.$id == id)
                .set(\.$nextAttemptAt, to: now.addingTimeInterval(DeliveryPolicy.retryDelay(afterAttempts: attempts)))
                .set(\.$leaseUntil, to: nil).set(\.$lastError, to: String(reason.prefix(500)))
                .update()
        case .permanent(let reason):
            try await OutboxRecord.query(on: db).filter(\.$id == id)
                .set(\.$status, to: .failed)
                .set(\.$leaseUntil, to: nil).set(\.$lastError, to: String(reason.prefix(500)))
                .update()
        }
    }

    /// The most recent messages, newest first (development outbox page).
    public static func recent(limit: Int, on db: any Database) async throws -> [OutboxRecord] {
        try await OutboxRecord.query(on: db).sort(\.$createdAt, .descending).limit(limit).all()
    }

    public static func find(_ id: UUID, on db: any Database) async throws -> OutboxRecord? {
        try await OutboxRecord.find(id, on: db)
    }

    public static func pendingCount(on db: any Database) async throws -> Int {
        try await OutboxRecord.query(on: db).filter(\.$status == .pending).count()
    }

    /// Delivered messages hold personal data: they are deleted after `age`.
    public static func purgeDelivered(olderThan cutoff: Date, on db: any Database) async throws {
        try await OutboxRecord.query(on: db).filter(\.$status == .sent).filter(\.$sentAt < cutoff).delete()
    }

    /// Messages refused for good are kept a while for the operator, then deleted too.
    public static func purgeFailed(olderThan cutoff: Date, on db: any Database) async throws {
        try await OutboxRecord.query(on: db).filter(\.$status == .failed).filter(\.$createdAt < cutoff).delete()
    }
}
