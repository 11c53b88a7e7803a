import Foundation

/// The generated corpus of `Tests/tools/make_corpus.py`, made once per test run.
public struct Corpus: Sendable {
    public struct Entry: Decodable, Sendable {
        public let file: String
        public let expect: String
        public let error: String?
        public let pages: Int
        public let format: String?
    }

    public let directory: URL
    public let entries: [Entry]

    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static var python: URL { repositoryRoot.appendingPathComponent(".venv/bin/python") }

    public static let shared = Task<Corpus, any Error> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-corpus-\(UUID().uuidString)")
        try Tools.run(python.path, [repositoryRoot.appendingPathComponent("Tests/tools/make_corpus.py").path, directory.path])
        let manifest = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        return Corpus(directory: directory, entries: try JSONDecoder().decode([Entry].self, from: manifest))
    }

    public func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
}

/// Runs the command-line tools the checks rely on (qpdf, poppler, Python).
public enum Tools {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Failure(description: "\(executable) is missing: run `make deps`")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if executable.hasSuffix("python"), process.terminationStatus != 0 {
            throw Failure(description: "\(arguments.first ?? "") failed: \(output)")
        }
        return (process.terminationStatus, output)
    }

    /// `qpdf --check` passes without errors or warnings.
    public static func qpdfCheck(_ file: URL) throws -> Bool {
        let result = try run("/usr/bin/qpdf", ["--check", file.path])
        return result.status == 0 && result.output.contains("No syntax or stream encoding errors found")
    }

    /// The page count poppler reads.
    public static func popplerPages(_ file: URL) throws -> Int? {
        let result = try run("/usr/bin/pdfinfo", [file.path])
        guard result.status == 0 else { return nil }
        return result.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
    }

    /// The text poppler extracts, in reading order.
    public static func pdfText(_ file: URL) throws -> String {
        let result = try run("/usr/bin/pdftotext", ["-enc", "UTF-8", file.path, "-"])
        guard result.status == 0 else { throw Failure(description: "pdftotext failed: \(result.output)") }
        return result.output
    }

    /// Poppler renders the first page.
    public static func popplerRenders(_ file: URL) throws -> Bool {
        let prefix = file.deletingPathExtension().path + "-rendu"
        let result = try run("/usr/bin/pdftoppm", ["-r", "12", "-f", "1", "-l", "1", "-png", file.path, prefix])
        return result.status == 0 && !result.output.contains("Error")
    }

    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
