import ArgumentParser
import Foundation
import GuichetOperations
import GuichetWeb

/// `guichet serve`: answers HTTP, delivers the outbox and runs the purges.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves the portal over HTTP; migrates the database first (unless AUTO_MIGRATE=false) and runs the background workers.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("H"), .long], help: "The address to listen on.")
    var hostname = "127.0.0.1"

    @Option(name: [.short, .long], help: "The TCP port to listen on (0: any free port).")
    var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("The port must be between 0 and 65535.") }
        guard !hostname.isEmpty else { throw ValidationError("The hostname cannot be empty.") }
    }

    func run() async throws {
        let arguments = ["guichet", "serve", "--hostname", hostname, "--port", String(port)]
        try await Runtime.run(global, arguments: arguments, startWorkers: true, adjust: { config in
            // Documents are checked by this very executable's `document-worker` command.
            if config.documentWorker == nil { config.documentWorker = Runtime.executable }
        }) { app in
            try await prepareDatabase(app)
            try await app.execute()
        }
    }
}
