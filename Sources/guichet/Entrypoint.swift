import GuichetCore
import GuichetWeb
import Logging
import Vapor

@main
enum Entrypoint {
    static func main() async throws {
        var environment = try Environment.detect()
        let mode: AppConfig.Mode = environment.isRelease || environment.name == "production" ? .production
            : environment.name == "testing" ? .testing : .development
        let config: AppConfig
        do {
            config = try AppConfig.load(mode: mode)
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("guichet: \(error.description)\n".utf8))
            exit(78) // EX_CONFIG
        }

        try LoggingSystem.bootstrap(from: &environment) { level in
            { label in
                switch config.logFormat {
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

        let app = try await Application.make(environment)
        let command = environment.arguments.dropFirst().first ?? "serve"
        do {
            try await configure(app, config: config, startWorkers: command == "serve")
            if command == "serve" {
                try await prepareDatabase(app)
            }
            try await app.execute()
        } catch let error as ProcedureLoadError {
            // An operator's mistake in a definition file: the list, not a crash report.
            FileHandle.standardError.write(Data("guichet: \(error.description)\n".utf8))
            try? await app.asyncShutdown()
            exit(78) // EX_CONFIG
        } catch let error as CommandRefusal {
            FileHandle.standardError.write(Data("guichet: \(error.description)\n".utf8))
            try? await app.asyncShutdown()
            exit(1)
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
