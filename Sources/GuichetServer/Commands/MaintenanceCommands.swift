import ArgumentParser
import Foundation
import GuichetOperations
import GuichetWeb

/// `guichet migrate`: applies the pending migrations, or undoes the last batch.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Applies pending database migrations.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Undo the last batch of migrations instead.") var revert = false

    func run() async throws {
        let revert = self.revert
        try await Runtime.run(global) { app in
            try await app.migrate(revertingLastBatch: revert)
            printLine(revert ? "Reverted the last batch of migrations." : "The database is up to date.")
        }
    }
}

/// `guichet demo`: migrates the database and loads the demonstration data, once.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo",
                                                    abstract: "Migrates the database and loads the demonstration data (idempotent).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runtime.run(global) { app in
            try await app.migrate(revertingLastBatch: false)
            let loaded = try await DemoData.load(on: app)
            printLine(loaded.isEmpty ? "Demo data already present." : "Loaded: " + loaded.joined(separator: ", "))
        }
    }
}

/// `guichet deliver-outbox`: delivers every message that is due, then exits.
struct DeliverOutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deliver-outbox",
                                                    abstract: "Delivers the emails and SMS waiting in the outbox, then exits.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runtime.run(global) { app in
            let report = try await OutboxDelivery.drain(db: app.db, services: app.guichet.services, sealer: app.guichet.secrets,
                                                        metrics: app.guichet.metrics, logger: app.logger)
            printLine("Sent: \(report.sent), to retry later: \(report.retrying), refused: \(report.failed)")
        }
    }
}

/// `guichet purge`: runs every clean-up job now.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Runs every clean-up job now: expired captchas, sessions, counters, links, drafts, old messages and security log.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Runtime.run(global) { app in
            let ran = try await Purges.run(db: app.db, now: app.guichet.services.clock.now(), guichet: app.guichet, force: true)
            printLine("Purged: " + ran.joined(separator: ", "))
        }
    }
}
