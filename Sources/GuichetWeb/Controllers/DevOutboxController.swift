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
        let text: String
        switch Outbox.open(id: id, channel: record.channel, payload: record.payload, sealer: req.guichet.secrets) {
        case .email(let email): text = email.text
        case .sms(let sms): text = sms.text
        case nil: text = ""
        }
        return req.render(DevOutboxMessagePage(recipient: record.recipient, subject: record.summary, text: text))
    }
}
