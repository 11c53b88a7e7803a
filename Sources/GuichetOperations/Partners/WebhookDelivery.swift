import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Logging

/// Delivers the organisations' webhooks (SPEC §6), run by every instance's background
/// worker: each due webhook POSTs its next event; success moves it on at once, a
/// network error, 5xx or 429 retries the same event with backoff for 24 hours (later
/// events wait: delivery stays in order), another answer skips it. The event feed keeps
/// every event whatever happens.
public enum WebhookDelivery {
    public struct Report: Sendable, Equatable {
        public var delivered = 0
        public var retrying = 0
        public var refused = 0
        public var givenUp = 0
    }

    /// How long a claimed webhook is reserved for this instance.
    static let lease: TimeInterval = 120
    /// Events delivered per webhook per run, so one busy organisation cannot hold the worker.
    static let burst = 20

    @discardableResult
    public static func deliverDue(guichet: Guichet, db: any Database, logger: Logger, limit: Int = 20) async throws -> Report {
        var report = Report()
        let clock = guichet.services.clock
        for webhook in try await PartnerWebhooks.claimDue(now: clock.now(), lease: lease, limit: limit, on: db) {
            guard let secret = guichet.secrets.open(webhook.sealedSecret, account: try webhook.requireID()) else {
                // Sealed under another SECRET_KEY: it can never sign again; the operator
                // must set the webhook anew. Retried later, so nothing is skipped.
                logger.error("webhook secret cannot be unsealed", metadata: ["organisation": .string(webhook.organisationKey)])
                try await PartnerWebhooks.postpone(webhook, attempts: webhook.attempts, failingSince: webhook.failingSince ?? clock.now(),
                                                   retryAt: clock.now().addingTimeInterval(3600), on: db)
                continue
            }
            var current = webhook
            for _ in 0..<burst {
                guard let record = try await PartnerWebhooks.nextEvent(of: current, on: db), let event = record.event else { break }
                let verdict = try await attempt(event, webhook: current, secret: secret, guichet: guichet, db: db, logger: logger, report: &report)
                guard verdict == .movedOn, let reloaded = try await PartnerWebhooks.find(organisationKey: current.organisationKey, on: db),
                      reloaded.id == current.id else { break }
                current = reloaded
            }
            // Release the lease of a webhook that had nothing more (or was replaced).
            try await db.sql.raw("UPDATE partner_webhooks SET lease_until = NULL WHERE id = \(bind: try webhook.requireID())").run()
        }
        return report
    }

    private enum Step { case movedOn, waiting }

    private static func attempt(_ event: PartnerEvent, webhook: PartnerWebhookRecord, secret: String, guichet: Guichet,
                                db: any Database, logger: Logger, report: inout Report) async throws -> Step {
        let clock = guichet.services.clock
        let body = PartnerEventJSON.encode(event)
        guard let url = URL(string: webhook.url) else { return .waiting }
        let timestamp = Int(clock.now().timeIntervalSince1970)
        let request = WebhookRequest(url: url, headers: [
            ("Content-Type", "application/json"),
            ("User-Agent", "Guichet-Webhook/1"),
            ("Guichet-Event-Id", event.id.uuidString.lowercased()),
            ("Guichet-Signature", WebhookSignature.header(secret: secret, timestamp: timestamp, body: body)),
        ], body: body)
        var status: Int?
        var failure: String?
        do {
            status = try await guichet.services.webhooks.post(request)
        } catch {
            failure = (error as? WebhookTransportError)?.description ?? String(describing: type(of: error))
        }
        let now = clock.now()
        let attempt = WebhookAttemptRecord()
        attempt.organisationKey = webhook.organisationKey
        attempt.eventSequence = event.sequence
        attempt.eventID = event.id
        attempt.status = status
        attempt.error = failure.map { String($0.prefix(500)) }
        attempt.attemptedAt = now
        let step: Step
        switch WebhookRetryPolicy.verdict(status: status) {
        case .delivered:
            attempt.outcome = "delivered"
            report.delivered += 1
            try await PartnerWebhooks.advance(webhook, past: event.sequence, now: now, on: db)
            step = .movedOn
        case .refused:
            attempt.outcome = "refused"
            report.refused += 1
            try await PartnerWebhooks.advance(webhook, past: event.sequence, now: now, on: db)
            step = .movedOn
        case .retry:
            let failingSince = webhook.failingSince ?? now
            let attempts = webhook.attempts + 1
            if let retryAt = WebhookRetryPolicy.nextAttempt(attempts: attempts, failingSince: failingSince, now: now) {
                attempt.outcome = "retrying"
                attempt.nextRetryAt = retryAt
                report.retrying += 1
                try await PartnerWebhooks.postpone(webhook, attempts: attempts, failingSince: failingSince, retryAt: retryAt, on: db)
                step = .waiting
            } else {
                attempt.outcome = "given-up"
                report.givenUp += 1
                try await PartnerWebhooks.advance(webhook, past: event.sequence, now: now, on: db)
                step = .movedOn
            }
        }
        try await PartnerWebhooks.record(attempt, on: db)
        guichet.metrics.event("webhook_\(attempt.outcome.replacingOccurrences(of: "-", with: "_"))")
        if step == .waiting || attempt.outcome != "delivered" {
            logger.warning("webhook delivery not accepted", metadata: [
                "organisation": .string(webhook.organisationKey), "sequence": .stringConvertible(event.sequence),
                "outcome": .string(attempt.outcome), "status": .string(status.map(String.init) ?? "none"),
            ])
        }
        return step
    }
}

/// The JSON of an event: the feed's items and the webhooks' bodies are the same.
public enum PartnerEventJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(APITimestamp.format(date))
        }
        return encoder
    }

    public static func encode(_ event: PartnerEvent) -> Data {
        (try? encoder().encode(event)) ?? Data("{}".utf8)
    }
}

/// RFC 3339 times in UTC with milliseconds, as the partner API writes them.
public enum APITimestamp {
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
