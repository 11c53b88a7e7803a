import Foundation
import GuichetCore

/// SPEC §2's *Valider*: up to four files (PDF, PNG, GIF, JPEG) become one PDF. Each file
/// is recognised from its content and checked; images become pages; the pages of all
/// files are copied into a new PDF by libqpdf; the limits are enforced.
public enum DocumentAssembler {
    public struct Result: Sendable, Equatable {
        /// The PDF.
        public let data: Data
        public let pages: Int

        public var bytes: Int { data.count }
    }

    /// A failure, with the position (from 1) of the file it concerns when there is one.
    public struct Failure: Error, Equatable, Sendable {
        public let file: Int?
        public let error: DocumentError

        public var message: String {
            file.map { "Fichier \($0) : " + error.message } ?? error.message
        }
    }

    /// Builds the document; converted images are written to `workDirectory` (which the
    /// caller creates and deletes) for qpdf to read.
    public static func assemble(_ files: [URL], in workDirectory: URL) throws(Failure) -> Result {
        guard !files.isEmpty else { throw Failure(file: nil, error: .empty) }
        guard files.count <= DocumentLimits.maximumFiles else {
            throw Failure(file: nil, error: .tooManyFiles(maximum: DocumentLimits.maximumFiles))
        }
        var parts: [String] = []
        var pages = 0
        for (offset, file) in files.enumerated() {
            let position = offset + 1
            do {
                let (path, count) = try prepare(file, position: position, in: workDirectory)
                parts.append(path)
                pages += count
            } catch {
                throw Failure(file: position, error: error)
            }
        }
        guard pages <= DocumentLimits.maximumPages else {
            throw Failure(file: nil, error: .tooManyPages(pages: pages, maximum: DocumentLimits.maximumPages))
        }
        let data: Data
        do { data = try QPDF.merge(parts) } catch { throw Failure(file: nil, error: error) }
        guard data.count <= DocumentLimits.maximumResultBytes else {
            throw Failure(file: nil, error: .resultTooLarge(bytes: data.count, maximum: DocumentLimits.maximumResultBytes))
        }
        return Result(data: data, pages: pages)
    }

    /// Checks one file and returns the PDF to take its pages from.
    static func prepare(_ file: URL, position: Int, in workDirectory: URL) throws(DocumentError) -> (String, Int) {
        guard let handle = try? FileHandle(forReadingFrom: file) else { throw .empty }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        guard size > 0 else { throw .empty }
        guard size <= DocumentLimits.maximumFileBytes else { throw .fileTooLarge(maximum: DocumentLimits.maximumFileBytes) }
        try? handle.seek(toOffset: 0)
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        let format = try DocumentFormat.detect(Array(head))
        if format == .pdf {
            try? handle.seek(toOffset: UInt64(max(0, size - 2048)))
            try checkPDFTrailer(Array((try? handle.readToEnd()) ?? Data()))
            return (file.path, try QPDF.pageCount(ofPDFAt: file.path))
        }
        try? handle.seek(toOffset: 0)
        guard let data = try? handle.readToEnd() else { throw .damaged(format) }
        let pdf = try ImagePDF.make(Array(data), format: format)
        let converted = workDirectory.appendingPathComponent("image-\(position).pdf")
        do { try pdf.write(to: converted) } catch { throw .damaged(format) }
        return (converted.path, 1)
    }

    /// A PDF ends with `%%EOF`; anything but blank space after it may be another file
    /// appended to it (a PDF/ZIP polyglot, for instance).
    static func checkPDFTrailer(_ tail: [UInt8]) throws(DocumentError) {
        let marker = Array("%%EOF".utf8)
        guard let end = tail.indices.reversed().first(where: { tail[$0...].starts(with: marker) }) else { throw .damaged(.pdf) }
        let after = tail[(end + marker.count)...]
        if after.contains(where: { ![0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x20].contains($0) }) { throw .unexpectedContent(.pdf) }
    }
}
