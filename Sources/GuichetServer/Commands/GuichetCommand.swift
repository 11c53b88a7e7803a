import ArgumentParser
import Foundation
import Logging
import GuichetCore
import GuichetOperations

/// `guichet`: the portal's command line (README, docs/operations.md). Every command
/// describes itself with `--help`; an unknown command or a bad argument prints the
/// usage and the reason on standard error and exits 64 (EX_USAGE); a refused action
/// exits 1; a bad configuration or procedure definition exits 78 (EX_CONFIG).
public struct GuichetCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "guichet",
        abstract: "Guichet, the citizen portal for online administrative procedures.",
        discussion: """
            Settings come from environment variables (docs/configuration.md). Without DATABASE_URL everything \
            lives under DATA_DIR (default ./data): an SQLite database, the documents and the outbox.
            """,
        subcommands: [ServeCommand.self, MigrateCommand.self, DemoCommand.self, DeliverOutboxCommand.self, PurgeCommand.self, DirectoryCommand.self,
                      DossierStatusCommand.self, PartnerKeyCommand.self, PartnerWebhookCommand.self, AccountLinkCommand.self, AgentCommand.self,
                      DocumentWorkerCommand.self]
    )

    public init() {}
}

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The mode: development, testing or production (default: VAPOR_ENV, else development).",
                                            valueName: "mode"))
    var env: String?

    @Option(name: .long, help: ArgumentHelp("The log level: trace, debug, info, notice, warning, error or critical (default: LOG_LEVEL, else info).",
                                            valueName: "level"))
    var log: String?

    func mode() throws -> AppConfig.Mode {
        let name = env ?? ProcessInfo.processInfo.environment["VAPOR_ENV"] ?? "development"
        switch name.lowercased() {
        case "development", "dev": return .development
        case "testing", "test": return .testing
        case "production", "prod": return .production
        default: throw ValidationError("Unknown mode \(name): use development, testing or production.")
        }
    }

    func logLevel() throws -> Logging.Logger.Level {
        guard let name = log ?? ProcessInfo.processInfo.environment["LOG_LEVEL"] else { return .info }
        guard let level = Logging.Logger.Level(rawValue: name.lowercased()) else {
            throw ValidationError("Unknown log level \(name): use trace, debug, info, notice, warning, error or critical.")
        }
        return level
    }

    func validate() throws {
        _ = try mode()
        _ = try logLevel()
    }
}

/// A command refused what it was asked. `usage`: the arguments are wrong (exit 64,
/// with the usage); otherwise the action was refused (exit 1).
public struct CommandRefusal: Error, CustomStringConvertible {
    public let description: String
    public let isUsage: Bool

    init(_ description: String, usage: Bool = false) {
        self.description = description
        self.isUsage = usage
    }
}
