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

    /// `guichet directory import`: the report in French, and a malformed or missing file
    /// refused with its line, nothing written.
    @Test func directoryImportPrintsItsReportAndRefusesABrokenFile() async throws {
        #expect(GuichetCommand.helpMessage().contains("directory"))
        #expect(GuichetCommand.helpMessage(for: DirectoryCommand.Import.self).contains("<file>"))
        try await withApp { app in
            let context = OperationContext(guichet: app.app.guichet, db: app.db, clientAddress: "exploitant")
            let folder = app.database.directory
            let good = folder.appendingPathComponent("export.json"), broken = folder.appendingPathComponent("broken.json")
            try Data(#"{"service": [{"id": "caf-1", "nom": "CAF du Rhône", "pivot": [{"type_service_local": "caf"}]}, {"id": "x"}]}"#.utf8).write(to: good)
            try Data("{\"service\": [\n{\"id\": \"caf-2\", \"nom\": \"CAF\"},\n{\"id\": tru}\n]}".utf8).write(to: broken)
            let lines = try await DirectoryCommand.Import.parse([good.path]).apply(in: context)
            #expect(lines.contains("1 organisme valide") && lines.contains { $0.hasPrefix("1 enregistrement rejeté") }, "\(lines)")
            #expect(lines.last == "The directory holds 1 body.")
            for file in [broken.path, folder.appendingPathComponent("absent.json").path] {
                await #expect {
                    _ = try await DirectoryCommand.Import.parse([file]).apply(in: context)
                } throws: { error in
                    let message = (error as? CommandRefusal)?.description ?? ""
                    return message.hasPrefix("Import refused, nothing was changed: ")
                }
            }
            let refusal = await #expect(throws: CommandRefusal.self) { _ = try await DirectoryCommand.Import.parse([broken.path]).apply(in: context) }
            #expect(refusal?.description.contains("Ligne 3") == true, "\(refusal?.description ?? "")")
            #expect(try await DirectoryImport.count(in: context) == 1)
        }
    }
}
