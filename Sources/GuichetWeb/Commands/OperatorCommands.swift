import Fluent
import Vapor

/// `guichet deliver-outbox`: delivers every message that is due, then exits.
struct DeliverOutboxCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Delivers the emails and SMS waiting in the outbox, then exits." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let report = try await OutboxDelivery.drain(db: app.db, services: app.guichet.services,
                                                    metrics: app.guichet.metrics, logger: app.logger)
        context.console.print("Sent: \(report.sent), to retry later: \(report.retrying), refused: \(report.failed)")
    }
}

/// `guichet purge`: deletes expired captchas, sessions, counters and old delivered emails now.
struct PurgeCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Deletes expired captchas, sessions, rate-limit counters and delivered emails older than 30 days." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let ran = try await Purges.run(db: app.db, now: app.guichet.services.clock.now(), guichet: app.guichet, force: true)
        context.console.print("Purged: " + ran.joined(separator: ", "))
    }
}

/// `guichet demo`: migrates the database and loads the demonstration data, once.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Migrates the database and loads the demonstration data (idempotent)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let loaded = try await DemoData.load(on: app)
        context.console.print(loaded.isEmpty ? "Demo data already present." : "Loaded: " + loaded.joined(separator: ", "))
    }
}
