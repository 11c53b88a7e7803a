import Foundation
import GuichetCore
import GuichetPDF

/// The one upload pipeline of the portal (SPEC §2): the files of one document, checked
/// and merged into one PDF on the document pool, off the event loops. The wallet and
/// the attachments of a procedure step both go through it.
public enum DocumentIntake {
    /// A file the front door received, streamed to `url` under the form's `field`.
    public struct Upload: Sendable, Equatable {
        public let field: String
        public let url: URL

        public init(field: String, url: URL) {
            self.field = field
            self.url = url
        }
    }

    /// Why a set of files cannot become a document: the file at fault (its index in
    /// the list), or nil for the whole set, and the French message.
    public struct Refusal: Error, Sendable, Equatable {
        public let file: Int?
        public let message: String
    }

    /// Assembles the files in `work` (a private folder the caller removes). Throws
    /// `OperationError.unavailable` when the pool is full.
    public static func assemble(_ files: [URL], work: URL, busyMessage: String = OperationError.busyMessage,
                                in context: OperationContext) async throws -> Result<DocumentAssembler.Result, Refusal> {
        do {
            return .success(try await context.guichet.documentPool.run { try DocumentAssembler.assemble(files, in: work) })
        } catch let failure as DocumentAssembler.Failure {
            return .failure(Refusal(file: failure.file.map { $0 - 1 }, message: failure.error.message))
        } catch is WorkPoolOverloaded {
            throw OperationError.unavailable(busyMessage)
        }
    }
}
