import Foundation

/// Turns the files of one upload into one PDF (checks, conversion, merging). In
/// production this runs in a child process with CPU, memory and time limits, so that a
/// hostile file — a decompression bomb, a pathological structure, a crash in a C
/// library — can never hurt the server.
public protocol DocumentAssembling: Sendable {
    /// `files` are read and `work` (a private folder the caller removes) receives the
    /// intermediate files. Throws `WorkPoolOverloaded` when too many documents wait.
    func assemble(_ files: [URL], work: URL) async throws -> DocumentAssembly
}

/// What assembling gave.
public enum DocumentAssembly: Sendable, Equatable {
    case assembled(data: Data, pages: Int)
    /// `file`: the index (from 0) of the file at fault, or nil for the whole upload;
    /// `message`: the French sentence shown next to it.
    case refused(file: Int?, message: String)
}

/// The job a document worker process reads on its standard input, and its answer on
/// its standard output (JSON). The PDF itself is left in `work` as `document.pdf`.
public struct DocumentJob: Codable, Sendable, Equatable {
    public let files: [String]
    public let work: String

    public init(files: [String], work: String) {
        self.files = files
        self.work = work
    }

    public static let resultFileName = "document.pdf"

    public struct Answer: Codable, Sendable, Equatable {
        /// Set when the document was made.
        public var pages: Int?
        /// Set when it was refused.
        public var refusal: String?
        public var file: Int?

        public init(pages: Int? = nil, refusal: String? = nil, file: Int? = nil) {
            self.pages = pages
            self.refusal = refusal
            self.file = file
        }
    }
}
