import ArgumentParser
import Foundation
import GuichetOperations
@testable import GuichetServer
import Testing

/// `guichet` is a real tool: every command describes itself, and bad usage is a
/// one-line reason and exit code 64, never a crash.
@Suite struct CommandLineTests {
    static let commands = ["serve", "migrate", "demo", "deliver-outbox", "purge", "dossier-status"]

    @Test func helpListsEveryCommand() {
        let help = GuichetCommand.helpMessage()
        for command in Self.commands { #expect(help.contains(command), "\(command)") }
    }

    @Test(arguments: commands)
    func eachCommandDescribesItsArguments(command: String) throws {
        let help = GuichetCommand.helpMessage(for: try #require(GuichetCommand.configuration.subcommands.first {
            $0.configuration.commandName == command
        }))
        #expect(help.contains("USAGE: guichet \(command)"))
        #expect(help.contains("--env"))
    }

    @Test func dossierStatusNamesItsArguments() {
        let help = GuichetCommand.helpMessage(for: DossierStatusCommand.self)
        for argument in ["<reference>", "<organisation>", "<state>", "--message"] { #expect(help.contains(argument)) }
    }

    @Test(arguments: [["nosuchcommand"], ["dossier-status"], ["dossier-status", "A-1-7KQ2M9XH4"], ["serve", "--port", "70000"],
                      ["serve", "--env", "recette"], ["migrate", "--unknown-flag"]])
    func badUsageExitsWith64(arguments: [String]) {
        do {
            _ = try GuichetCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(GuichetCommand.exitCode(for: error) == ExitCode(64), "\(arguments)")
            #expect(!GuichetCommand.message(for: error).isEmpty)
        }
    }

    @Test(arguments: [["A-1-PASUNEREF", "caf", "traite"], ["A-1-7KQ2M9XH4", "caf", "archive"], ["A-1-7KQ2M9XH4", "caf", "transmis"]])
    func aMalformedReferenceOrStateIsAUsageError(arguments: [String]) async throws {
        try await withApp { app in
            let command = try DossierStatusCommand.parse(arguments)
            let context = OperationContext(guichet: app.app.guichet, db: app.db, clientAddress: "exploitant")
            await #expect { _ = try await command.apply(in: context) } throws: { ($0 as? CommandRefusal)?.isUsage == true }
        }
    }
}
