import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Logging

/// Delivers what the outbox holds. Run by the background worker of every instance, by
/// `guichet deliver-outbox`, and directly by tests.
public enum OutboxDelivery {
    public struct Report: Sendable, Equatable {
        public var sent = 0
        public var retrying = 0
        public var failed = 0

        public var attempted: Int { sent + retrying + failed }
    }

    /// Claims the messages that are due and tries each once.
    @discardableResult
    public static func deliverDue(db: any Database, services: Services, sealer: any SecretSealing, metrics: any MetricsRecording,
                                  logger: Logger, batchSize: Int = 20) async throws -> Report {
        var report = Report()
        let claimed = try await OutboxQueue.claimDue(now: services.clock.now(), limit: batchSize, on: db)
        for message in claimed {
            let channel = message.channel.rawValue
            do {
                guard let content = Outbox.open(id: message.id, channel: message.channel, payload: message.payload, sealer: sealer) else {
                    // Sealed under another SECRET_KEY: it can never be delivered.
                    throw DeliveryFailure.permanent("the message cannot be unsealed (SECRET_KEY changed)")
                }
                switch content {
                case .email(let email):
                    try await services.mail.send(email)
                case .sms(let sms):
                    try await services.sms.send(sms)
                }
                try await OutboxQueue.markSent(message.id, now: services.clock.now(), on: db)
                report.sent += 1
                metrics.outboxAttempt(channel: channel, outcome: "sent")
            } catch {
                let failure = error as? DeliveryFailure ?? .transient(String(describing: error))
                try await OutboxQueue.markFailed(message.id, attempts: message.attempts, failure: failure,
                                                 now: services.clock.now(), on: db)
                let outcome: String
                if case .permanent = failure { outcome = "failed"; report.failed += 1 } else { outcome = "retrying"; report.retrying += 1 }
                metrics.outboxAttempt(channel: channel, outcome: outcome)
                // The reason stays in the database (it may quote the recipient); the log
                // only says which message and how.
                logger.warning("outbox delivery failed", metadata: [
                    "message_id": .string(message.id.uuidString),
                    "attempt": .stringConvertible(message.attempts),
                    "outcome": .string(outcome),
                ])
            }
        }
        return report
    }

    /// Delivers until nothing more is due now (the command-line form).
    public static func drain(db: any Database, services: Services, sealer: any SecretSealing, metrics: any MetricsRecording,
                             logger: Logger) async throws -> Report {
        var total = Report()
        while true {
            let report = try await deliverDue(db: db, services: services, sealer: sealer, metrics: metrics, logger: logger)
            total.sent += report.sent
            total.retrying += report.retrying
            total.failed += report.failed
            if report.attempted == 0 { return total }
        }
    }
}
