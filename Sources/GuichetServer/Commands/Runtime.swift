import ArgumentParser
import Foundation
import GuichetAdapters
import GuichetCore
import GuichetOperations
import Logging
import Vapor

/// Runs one command against a configured application, and turns the failures an
/// operator can fix into a one-line reason and an exit code, never a backtrace.
enum Runtime {
    static func run(_ global: GlobalOptions, arguments: [String] = ["guichet"], startWorkers: Bool = false,
                    adjust: (inout AppConfig) -> Void = { _ in },
                    _ body: @escaping @Sendable (Application) async throws -> Void) async throws {
        let mode = try global.mode()
        var config: AppConfig
        do {
            config = try AppConfig.load(mode: mode)
            adjust(&config)
        } catch let error as ConfigurationError {
            printError(error.description)
            throw ExitCode(78) // EX_CONFIG
        }
        bootstrapLogging(format: config.logFormat, level: try global.logLevel())

        let app = try await Application.make(Environment(name: mode.environmentName, arguments: arguments))
        do {
            try await configure(app, config: config, startWorkers: startWorkers)
            try await body(app)
        } catch let error as ProcedureLoadError {
            // An operator's mistake in a definition file: the list, not a crash report.
            printError(error.description)
            try? await app.asyncShutdown()
            throw ExitCode(78)
        } catch let error as ConfigurationError {
            printError(error.description)
            try? await app.asyncShutdown()
            throw ExitCode(78)
        } catch let refusal as CommandRefusal {
            try? await app.asyncShutdown()
            if refusal.isUsage { throw ValidationError(refusal.description) }
            printError(refusal.description)
            throw ExitCode.failure
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// This executable (for the document worker), as the kernel knows it.
    static var executable: URL? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        return URL(fileURLWithPath: path)
    }

    /// The operations' context for a command: the operator acts.
    static func context(_ app: Application) -> OperationContext {
        OperationContext(guichet: app.guichet, db: app.db, clientAddress: "exploitant")
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("guichet: \(message)\n".utf8))
    }

    private static func bootstrapLogging(format: AppConfig.LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                var handler = RedactingLogHandler(JSONLogHandler(label: label))
                handler.logLevel = level
                return handler
            case .text:
                var handler = RedactingLogHandler(StreamLogHandler.standardError(label: label))
                handler.logLevel = level
                return handler
            }
        }
    }
}

extension AppConfig.Mode {
    /// Vapor's name for the mode.
    var environmentName: String {
        switch self {
        case .development: "development"
        case .testing: "testing"
        case .production: "production"
        }
    }
}

/// Standard output, for what a command reports.
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// A command that acts on the data and prints lines: it opens the application, runs
/// `apply` (which tests call directly) and prints what it returns.
protocol OperatorCommand: AsyncParsableCommand, Sendable {
    var global: GlobalOptions { get }
    func apply(in context: OperationContext) async throws -> [String]
}

extension OperatorCommand {
    func run() async throws {
        let command = self
        try await Runtime.run(global) { app in
            for line in try await command.apply(in: Runtime.context(app)) { printLine(line) }
        }
    }
}
