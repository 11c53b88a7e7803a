import Foundation
import GuichetOperations
import GuichetWeb
import Synchronization
import Vapor

/// The work each `serve` instance does besides answering requests: delivering the
/// outbox and running purges, and — in a loop of its own, so that a slow receiver
/// never delays a citizen's email or sign-in code — the organisations' webhooks.
/// Instances coordinate through the database only.
final class BackgroundWorkers: LifecycleHandler {
    private let tasks = Mutex<[Task<Void, Never>]>([])

    func didBootAsync(_ application: Application) async throws {
        let guichet = application.guichet
        let db = application.db
        let logger = Logger(label: "guichet.worker")
        let interval = guichet.config.outboxPollInterval
        let outbox = Task {
            var lastPurge = Date.distantPast
            while !Task.isCancelled {
                await Self.guarded(logger) {
                    try await OutboxDelivery.deliverDue(db: db, services: guichet.services, sealer: guichet.secrets,
                                                        metrics: guichet.metrics, logger: logger)
                    let now = guichet.services.clock.now()
                    if now.timeIntervalSince(lastPurge) >= 60 {
                        lastPurge = now
                        try await Purges.run(db: db, now: now, guichet: guichet)
                    }
                }
                try? await Task.sleep(for: .seconds(interval))
            }
        }
        let webhooks = Task {
            while !Task.isCancelled {
                await Self.guarded(logger) { try await WebhookDelivery.deliverDue(guichet: guichet, db: db, logger: logger) }
                try? await Task.sleep(for: .seconds(interval))
            }
        }
        tasks.withLock { $0 = [outbox, webhooks] }
    }

    /// One round of work; a failure is logged and the loop goes on.
    private static func guarded(_ logger: Logger, _ work: () async throws -> Void) async {
        do {
            try await work()
        } catch {
            logger.error("background work failed", metadata: ["error_type": .string(String(reflecting: type(of: error)))])
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = tasks.withLock { tasks -> [Task<Void, Never>] in
            defer { tasks = [] }
            return tasks
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }
}
