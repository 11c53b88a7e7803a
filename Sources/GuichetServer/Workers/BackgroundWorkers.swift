import Foundation
import GuichetOperations
import GuichetWeb
import Synchronization
import Vapor

/// The work each `serve` instance does besides answering requests: delivering the
/// outbox and the organisations' webhooks, and running purges. Instances coordinate through the database only.
final class BackgroundWorkers: LifecycleHandler {
    private let task = Mutex<Task<Void, Never>?>(nil)

    func didBootAsync(_ application: Application) async throws {
        let guichet = application.guichet
        let db = application.db
        let logger = Logger(label: "guichet.worker")
        let interval = guichet.config.outboxPollInterval
        task.withLock {
            $0 = Task {
                var lastPurge = Date.distantPast
                while !Task.isCancelled {
                    do {
                        try await OutboxDelivery.deliverDue(db: db, services: guichet.services, sealer: guichet.secrets,
                                                            metrics: guichet.metrics, logger: logger)
                        try await WebhookDelivery.deliverDue(guichet: guichet, db: db, logger: logger)
                        let now = guichet.services.clock.now()
                        if now.timeIntervalSince(lastPurge) >= 60 {
                            lastPurge = now
                            try await Purges.run(db: db, now: now, guichet: guichet)
                        }
                    } catch {
                        logger.error("background work failed", metadata: ["error_type": .string(String(reflecting: type(of: error)))])
                    }
                    try? await Task.sleep(for: .seconds(interval))
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }
}
