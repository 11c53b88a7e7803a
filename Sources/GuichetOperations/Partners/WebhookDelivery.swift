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

    /// How long a claimed webhook is reserved for this instance: longer than a run on
    /// it can last (`runTime` plus one delivery's deadline).
    static let lease: TimeInterval = 600
    /// Time spent on one webhook per run, so one organisation cannot hold the worker.
    static let runTime: Duration = .seconds(60)

    @discardableResult
    public static func deliverDue(guichet: Guichet, db: any Database, logger: Logger, limit: Int = 20) async throws -> Report {
        var report = Report()
        let clock = guichet.services.clock
        for webhook in try await PartnerWebhooks.claimDue(now: clock.now(), lease: lease, limit: limit, on: db) {
            guard let secret = guichet.secrets.open(webhook.sealedSecret, account: try webhook.requireID()) else {
                // Sealed under another SECRET_KEY: it can never sign again; the operator
                // must set the webhook anew (which keeps its place). Nothing is skipped.
                logger.error("webhook secret cannot be unsealed", metadata: ["organisation": .string(webhook.organisationKey)])
                try await PartnerWebhooks.postpone(webhook, attempts: webhook.attempts, failingSince: webhook.failingSince ?? clock.now(),
                                                   retryAt: clock.now().addingTimeInterval(3600), on: db)
                try await PartnerWebhooks.release(webhook, on: db)
                continue
            }
            let started = ContinuousClock.now
            var current = webhook
            while ContinuousClock.now - started < runTime {
                guard let record = try await PartnerWebhooks.nextEvent(of: current, on: db), let event = record.event else { break }
                let step = try await attempt(event, webhook: current, secret: secret, guichet: guichet, db: db, logger: logger, report: &report)
                guard step == .movedOn, let reloaded = try await PartnerWebhooks.find(organisationKey: current.organisationKey, on: db),
                      reloaded.id == current.id else { break }
                current = reloaded
            }
            try await PartnerWebhooks.release(webhook, on: db)
        }
        return report
    }

    private enum Step { case movedOn, waiting }

    private static func attempt(_ event: PartnerEvent, webhook: PartnerWebhookRecord, secret: String, guichet: Guichet,
                                db: any Database, logger: Logger, report: inout Report) async throws -> Step {
        let clock = guichet.services.clock
        let body = PartnerEventJSON.encode(event)
        let timestamp = Int(clock.now().timeIntervalSince1970)
        var status: Int?
        var failure: String?
        var refusedAddress = false
        if let url = URL(string: webhook.url) {
            let request = WebhookRequest(url: url, headers: [
                ("Content-Type", "application/json"),
                ("User-Agent", "Guichet-Webhook/1"),
                ("Guichet-Event-Id", event.id.uuidString.lowercased()),
                ("Guichet-Signature", WebhookSignature.header(secret: secret, timestamp: timestamp, body: body)),
            ], body: body)
            do {
                status = try await guichet.services.webhooks.post(request)
            } catch let error as WebhookTransportError {
                failure = error.description
                if case .refusedAddress = error { refusedAddress = true }
            } catch {
                failure = String(describing: type(of: error))
            }
        } else {
            failure = "the stored URL cannot be read"
            refusedAddress = true
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
        // An address webhooks may not reach will not become one by waiting.
        let verdict = refusedAddress ? .refused : WebhookRetryPolicy.verdict(status: status)
        switch verdict {
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
                try await PartnerWebhooks.advance(webhook, past: event.sequence, failingSince: failingSince, now: now, on: db)
                step = .movedOn
            }
        }
        try await PartnerWebhooks.record(attempt, on: db)
        guichet.metrics.event("webhook_\(attempt.outcome.replacingOccurrences(of: "-", with: "_"))")
        if attempt.outcome != "delivered" {
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
