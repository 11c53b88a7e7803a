import Foundation
import GuichetCore
import GuichetPDF

/// Assembles documents in this process, on a bounded pool of threads. The document
/// worker process runs exactly this; the server itself uses it only when no worker
/// executable is available (benchmarks, some tests).
public struct InProcessDocumentAssembler: DocumentAssembling {
    let pool: any WorkPool

    public init(pool: any WorkPool) {
        self.pool = pool
    }

    public func assemble(_ files: [URL], work: URL) async throws -> DocumentAssembly {
        try await pool.run { Self.assembleNow(files, work: work) }
    }

    /// The assembly itself, synchronous.
    public static func assembleNow(_ files: [URL], work: URL) -> DocumentAssembly {
        do {
            let result = try DocumentAssembler.assemble(files, in: work)
            return .assembled(data: result.data, pages: result.pages)
        } catch {
            return .refused(file: error.file.map { $0 - 1 }, message: error.error.message)
        }
    }
}
