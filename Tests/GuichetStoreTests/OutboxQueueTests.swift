import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Testing

@Suite struct OutboxQueueTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func email(_ number: Int) -> EmailMessage {
        EmailMessage(from: Mailbox("a@guichet.fr"), to: Mailbox("user\(number)@exemple.fr"), subject: "Message \(number)",
                     text: "Bonjour", date: now, messageID: "\(number)@guichet.fr")
    }

    @Test func enqueuedMessageIsClaimedWithItsContent() async throws {
        try await withStore { db in
            try await OutboxQueue.enqueue(try TestEnvelope.of(email(1)), on: db, now: now)
            try await OutboxQueue.enqueue(try TestEnvelope.of(SMSMessage(to: "+33612345678", text: "Code : 123456")), on: db, now: now)
            let claimed = try await OutboxQueue.claimDue(now: now, limit: 10, on: db)
            #expect(claimed.count == 2)
            #expect(claimed.allSatisfy { $0.attempts == 1 })
            let contents = claimed.map(\.content)
            #expect(contents.contains { if case .email(let message) = $0 { message == email(1) } else { false } })
            #expect(contents.contains { if case .sms(let sms) = $0 { sms.text == "Code : 123456" } else { false } })
        }
    }

    @Test func claimedMessageIsNotClaimedAgainWhileLeased() async throws {
        try await withStore { db in
            try await OutboxQueue.enqueue(try TestEnvelope.of(email(1)), on: db, now: now)
            #expect(try await OutboxQueue.claimDue(now: now, limit: 10, on: db).count == 1)
            #expect(try await OutboxQueue.claimDue(now: now.addingTimeInterval(60), limit: 10, on: db).isEmpty)
            // A worker that died: the lease runs out and another instance takes the message.
            let retaken = try await OutboxQueue.claimDue(now: now.addingTimeInterval(DeliveryPolicy.lease + 1), limit: 10, on: db)
            #expect(retaken.map(\.attempts) == [2])
        }
    }

    @Test func concurrentClaimsNeverShareAMessage() async throws {
        try await withStore { db in
            for number in 0..<40 { try await OutboxQueue.enqueue(try TestEnvelope.of(email(number)), on: db, now: now) }
            let now = self.now
            let batches = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for _ in 0..<4 {
                    group.addTask { try await OutboxQueue.claimDue(now: now, limit: 15, on: db).map(\.id) }
                }
                return try await group.reduce(into: [[UUID]]()) { $0.append($1) }
            }
            let all = batches.flatMap { $0 }
            #expect(all.count == 40)
            #expect(Set(all).count == 40)
        }
    }

    @Test func sentMessageIsNotClaimedAgain() async throws {
        try await withStore { db in
            try await OutboxQueue.enqueue(try TestEnvelope.of(email(1)), on: db, now: now)
            let claimed = try #require(try await OutboxQueue.claimDue(now: now, limit: 1, on: db).first)
            try await OutboxQueue.markSent(claimed.id, now: now, on: db)
            #expect(try await OutboxQueue.claimDue(now: now.addingTimeInterval(86_400), limit: 10, on: db).isEmpty)
            #expect(try await OutboxQueue.find(claimed.id, on: db)?.status == .sent)
        }
    }

    @Test func transientFailureIsRetriedAfterTheBackoff() async throws {
        try await withStore { db in
            try await OutboxQueue.enqueue(try TestEnvelope.of(email(1)), on: db, now: now)
            let claimed = try #require(try await OutboxQueue.claimDue(now: now, limit: 1, on: db).first)
            try await OutboxQueue.markFailed(claimed.id, attempts: claimed.attempts, failure: .transient("421 busy"), now: now, on: db)
            #expect(try await OutboxQueue.claimDue(now: now.addingTimeInterval(29), limit: 1, on: db).isEmpty)
            let retried = try await OutboxQueue.claimDue(now: now.addingTimeInterval(30), limit: 1, on: db)
            #expect(retried.map(\.attempts) == [2])
            let record = try #require(try await OutboxQueue.find(claimed.id, on: db))
            #expect(record.lastError == "421 busy")
            #expect(record.status == .pending)
        }
    }

    @Test func permanentFailureStopsRetriesButKeepsTheMessage() async throws {
        try await withStore { db in
            try await OutboxQueue.enqueue(try TestEnvelope.of(email(1)), on: db, now: now)
            let claimed = try #require(try await OutboxQueue.claimDue(now: now, limit: 1, on: db).first)
            try await OutboxQueue.markFailed(claimed.id, attempts: 1, failure: .permanent("550 no such user"), now: now, on: db)
            #expect(try await OutboxQueue.claimDue(now: now.addingTimeInterval(86_400 * 30), limit: 1, on: db).isEmpty)
            #expect(try await OutboxQueue.find(claimed.id, on: db)?.status == .failed)
        }
    }

    @Test func deliveredMessagesArePurgedAfterTheirRetention() async throws {
        try await withStore { db in
            try await OutboxQueue.enqueue(try TestEnvelope.of(email(1)), on: db, now: now)
            try await OutboxQueue.enqueue(try TestEnvelope.of(email(2)), on: db, now: now)
            let claimed = try await OutboxQueue.claimDue(now: now, limit: 1, on: db)
            try await OutboxQueue.markSent(claimed[0].id, now: now, on: db)
            try await OutboxQueue.purgeDelivered(olderThan: now.addingTimeInterval(1), on: db)
            #expect(try await OutboxQueue.find(claimed[0].id, on: db) == nil)
            #expect(try await OutboxQueue.pendingCount(on: db) == 1)
        }
    }
}
