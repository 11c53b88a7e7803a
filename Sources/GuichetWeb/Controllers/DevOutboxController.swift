import Fluent
import Foundation
import GuichetCore
import GuichetOperations
import GuichetStore
import Vapor

/// `/dev/outbox`, registered in development mode only.
enum DevOutboxController {
    @Sendable static func index(req: Request) async throws -> Response {
        let records = try await OutboxQueue.recent(limit: 100, on: req.db)
        let rows = records.compactMap { record -> DevOutboxPage.Row? in
            guard let id = record.id else { return nil }
            return DevOutboxPage.Row(id: id, createdAt: record.createdAt, channel: record.channel.rawValue,
                                     recipient: record.recipient, summary: record.summary,
                                     status: record.status.rawValue, attempts: record.attempts)
        }
        return req.render(DevOutboxPage(rows: rows))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let record = try await OutboxQueue.find(id, on: req.db) else { throw WebError.notFound }
        let payload = Data(record.payload.utf8)
        let text: String
        switch record.channel {
        case .email: text = (try? JSONDecoder().decode(EmailMessage.self, from: payload))?.text ?? ""
        case .sms: text = (try? JSONDecoder().decode(SMSMessage.self, from: payload))?.text ?? ""
        }
        return req.render(DevOutboxMessagePage(recipient: record.recipient, subject: record.summary, text: text))
    }
}
