import ArgumentParser
import Foundation
import GuichetCore
import GuichetOperations

/// `guichet directory import <file.json>`: the *Annuaire de l'administration* (SPEC §8).
struct DirectoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Imports the DILA export of public bodies into the directory (Annuaire de l'administration).",
        subcommands: [Import.self])

    struct Import: OperatorCommand {
        static let configuration = CommandConfiguration(
            abstract: "Imports a DILA export (Base de données locales, {\"service\": [...]}); a re-import updates the bodies it knew.",
            discussion: """
                The file is read twice: once to find a syntax error before anything is written (the import then stops, \
                names the line and the record, and changes nothing), then into one transaction. Records that cannot be \
                used (no id, no name…) are left out and counted by reason. Memory stays bounded whatever the file's size.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The export, a JSON file.") var file: String

        func apply(in context: OperationContext) async throws -> [String] {
            let url = URL(fileURLWithPath: file)
            do {
                let report = try await DirectoryImport.run(url, in: context)
                let count = try await DirectoryImport.count(in: context)
                return ["Imported \(file):"] + report.summary + ["The directory holds \(count) \(count == 1 ? "body" : "bodies")."]
            } catch let error as DILAExportError {
                throw CommandRefusal("Import refused, nothing was changed: \(error.description)")
            }
        }
    }
}
