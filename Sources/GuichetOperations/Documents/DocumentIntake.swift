import Foundation
import GuichetCore
import GuichetPDF
import Logging

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

    /// A document made from uploads: its PDF, and whether the scanner released it.
    public struct Assembled: Sendable, Equatable {
        public let data: Data
        public let pages: Int
        public let scan: ScanState

        public var bytes: Int { data.count }
    }

    /// Scans each file as uploaded, assembles them in `work` (a private folder the caller
    /// removes), and scans the PDF that will be served. An infected file is refused;
    /// when the scanner cannot answer, the document is `pending` (kept, not served, scanned
    /// again later). Throws `OperationError.unavailable` when the pool is full.
    public static func assemble(_ files: [URL], work: URL, busyMessage: String = OperationError.busyMessage,
                                in context: OperationContext) async throws -> Result<Assembled, Refusal> {
        var scanned = true
        for (index, file) in files.enumerated() {
            switch await scan({ try await $0.scan(fileAt: file) }, in: context) {
            case .infected: return .failure(Refusal(file: index, message: ScanState.infectedMessage))
            case .unavailable: scanned = false
            case .clean: break
            }
        }
        let data: Data, pages: Int
        do {
            switch try await context.guichet.documents.assemble(files, work: work) {
            case .assembled(let document, let count):
                (data, pages) = (document, count)
            case .refused(let file, let message):
                return .failure(Refusal(file: file, message: message))
            }
        } catch is WorkPoolOverloaded {
            throw OperationError.unavailable(busyMessage)
        }
        if scanned {
            switch await scan({ try await $0.scan(data) }, in: context) {
            case .infected: return .failure(Refusal(file: nil, message: ScanState.infectedMessage))
            case .unavailable: scanned = false
            case .clean: break
            }
        }
        return .success(Assembled(data: data, pages: pages, scan: scanned ? .clean : .pending))
    }

    enum Scan { case clean, infected, unavailable }

    /// One scan; a scanner that cannot answer is logged (the document will wait), an
    /// infected upload too (with the scanner's name for it, never shown to the user).
    static func scan(_ body: (any VirusScanning) async throws -> ScanVerdict, in context: OperationContext) async -> Scan {
        do {
            switch try await body(context.guichet.scanner) {
            case .clean: return .clean
            case .infected(let signature):
                Logger(label: "guichet.scan").warning("infected upload refused", metadata: ["signature": .string(signature)])
                return .infected
            }
        } catch {
            Logger(label: "guichet.scan").error("virus scanner unavailable: the document waits", metadata: [
                "reason": .string((error as? VirusScanUnavailable)?.reason ?? String(describing: type(of: error))),
            ])
            return .unavailable
        }
    }
}
