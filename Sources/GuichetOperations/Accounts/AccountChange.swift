import FluentKit
import Foundation
import GuichetCore
import GuichetStore

extension OperationContext {
    /// Applies a change to an account in one transaction with its security-log entries
    /// and the emails that tell the owner, so that none can happen without the others.
    func commitAccountChange(_ userID: UUID, events: [SecurityEventKind], mails: [(PlainMail, to: String)] = [],
                             change: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws {
        let now = self.now
        let address = clientAddress
        let composed = try mails.map { try mailer.envelope($0.0, to: Mailbox($0.to)) }
        try await db.writeTransaction { db in
            try await change(db)
            for event in events {
                try await SecurityEvents.record(event, userID: userID, address: address, now: now, on: db)
            }
            for mail in composed {
                try await OutboxQueue.enqueue(mail, on: db, now: now)
            }
        }
    }

    /// Records one security-log entry for an account.
    func log(_ event: SecurityEventKind, for userID: UUID) async throws {
        try await SecurityEvents.record(event, userID: userID, address: clientAddress, now: now, on: db)
    }

    /// Queues one email.
    func enqueue(_ template: some MailTemplate, to address: String) async throws {
        try await OutboxQueue.enqueue(try mailer.envelope(template, to: Mailbox(address)), on: db, now: now)
    }
}
