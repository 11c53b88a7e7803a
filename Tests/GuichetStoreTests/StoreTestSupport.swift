import Foundation
import GuichetCore
import FluentKit
import GuichetStore
import GuichetTestSupport
import Testing

/// Runs a store test on its own migrated database.
func withStore(_ body: (any Database) async throws -> Void) async throws {
    let database = try await TestDatabase.make()
    do {
        try await TestDatabase.withDatabase(database.location) { _, db in try await body(db) }
        await database.drop()
    } catch {
        await database.drop()
        // PostgreSQL errors hide their details unless reflected.
        Issue.record("\(String(reflecting: error))")
        throw error
    }
}

/// Messages as the queue stores them, in clear (sealing is the operations' business;
/// the queue only moves payloads).
enum TestEnvelope {
    enum Content: Equatable {
        case email(EmailMessage)
        case sms(SMSMessage)
    }

    static func of(_ email: EmailMessage) throws -> OutboxQueue.Envelope {
        OutboxQueue.Envelope(id: UUID(), channel: .email, recipient: email.to.address, summary: email.subject,
                             payload: String(decoding: try JSONEncoder().encode(email), as: UTF8.self))
    }

    static func of(_ sms: SMSMessage) throws -> OutboxQueue.Envelope {
        OutboxQueue.Envelope(id: UUID(), channel: .sms, recipient: sms.to, summary: "SMS",
                             payload: String(decoding: try JSONEncoder().encode(sms), as: UTF8.self))
    }
}

extension OutboxQueue.Claimed {
    var content: TestEnvelope.Content? {
        let data = Data(payload.utf8)
        switch channel {
        case .email: return (try? JSONDecoder().decode(EmailMessage.self, from: data)).map { .email($0) }
        case .sms: return (try? JSONDecoder().decode(SMSMessage.self, from: data)).map { .sms($0) }
        }
    }
}
