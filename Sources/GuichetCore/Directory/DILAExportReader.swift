import Foundation

/// Reads the DILA *Base de données locales* export, `{"service": [ … ], …}`, one record
/// at a time, for `guichet directory import <file.json>`.
///
/// The file is read in chunks and each element of `service` is parsed as soon as it
/// ends, so a 300 MB export needs the memory of one record (at most
/// `maximumRecordSize`; a larger record is rejected, not loaded), not of the file.
///
/// Nothing is written here. The import is meant in two passes over the same file:
/// `validate()` reads everything and throws on the first syntax error (naming the line
/// and the record) before the database is touched; then `forEach` (or `records()`) feeds
/// the valid bodies to one transaction. Reading twice costs a second scan of the file,
/// which is cheap next to the writes; if the file changes in between, the second pass
/// throws and the transaction is rolled back.
public struct DILAExportReader: Sendable {
    public let url: URL
    public let chunkSize: Int
    public let maximumRecordSize: Int

    public init(url: URL, chunkSize: Int = 64 * 1024, maximumRecordSize: Int = 1024 * 1024) {
        self.url = url
        self.chunkSize = max(1, chunkSize)
        self.maximumRecordSize = maximumRecordSize
    }

    /// A fresh pass over the file.
    public func records() throws(DILAExportError) -> DILAExportCursor {
        try DILAExportCursor(self)
    }

    /// Calls `body` with each record in file order: a body, or why the record is left
    /// out. Throws the first syntax error of the file, or what `body` throws.
    @discardableResult
    public func forEach(_ body: (Result<PublicBody, DILARecordRejection>) throws -> Void) throws -> DirectoryImportReport {
        let cursor = try records()
        while let result = try cursor.next() { try body(result) }
        return cursor.report
    }

    /// Reads the whole file without keeping anything: the counts, or the syntax error.
    public func validate() throws(DILAExportError) -> DirectoryImportReport {
        let cursor = try records()
        while try cursor.next() != nil {}
        return cursor.report
    }
}

/// One pass over an export, pulled record by record, so that an async caller can await
/// its database writes between records. Not shared between tasks: it owns a file handle.
public final class DILAExportCursor {
    private let handle: FileHandle
    private let chunkSize: Int
    private var scanner: DILAExportScanner
    private var pending: [DILAExportScanner.Event] = []
    private var nextPending = 0
    private var finished = false
    /// The counts so far; complete once `next()` has returned nil.
    public private(set) var report = DirectoryImportReport()

    init(_ reader: DILAExportReader) throws(DILAExportError) {
        do {
            handle = try FileHandle(forReadingFrom: reader.url)
        } catch {
            throw DILAExportError(.unreadable((error as NSError).localizedDescription), line: nil)
        }
        chunkSize = reader.chunkSize
        scanner = DILAExportScanner(maximumRecordSize: reader.maximumRecordSize)
    }

    deinit { try? handle.close() }

    /// The next record, nil at the end of the file.
    public func next() throws(DILAExportError) -> Result<PublicBody, DILARecordRejection>? {
        while nextPending == pending.count {
            guard !finished else { return nil }
            try readChunk()
        }
        let event = pending[nextPending]
        nextPending += 1
        let result = try Self.read(event)
        report.count(result)
        return result
    }

    private func readChunk() throws(DILAExportError) {
        pending.removeAll(keepingCapacity: true)
        nextPending = 0
        let data: Data?
        do {
            data = try handle.read(upToCount: chunkSize)
        } catch {
            throw DILAExportError(.unreadable((error as NSError).localizedDescription), line: scanner.line)
        }
        guard let data, !data.isEmpty else {
            finished = true
            try? handle.close()
            try scanner.finish()
            report.lines = scanner.line - (scanner.endsWithLineBreak ? 1 : 0)
            return
        }
        let bytes = [UInt8](data)
        try scanner.feed(bytes, into: &pending)
        let waiting = pending.reduce(0) { total, event in
            if case .record(let bytes, _, _) = event { total + bytes.count } else { total }
        }
        report.peakBufferedBytes = max(report.peakBufferedBytes, bytes.count + waiting, scanner.peakRecordBytes + bytes.count)
        report.lines = scanner.line
    }

    private static func read(_ event: DILAExportScanner.Event) throws(DILAExportError) -> Result<PublicBody, DILARecordRejection> {
        switch event {
        case .oversized(let number, let line):
            return .failure(DILARecordRejection(.tooLarge, record: number, line: line))
        case .record(let bytes, let number, let line):
            let value: JSONValue
            do {
                value = try JSONValue.parseQuickly(Data(bytes))
            } catch {
                throw DILAExportError(.invalidRecord(error.detail), line: line, record: number)
            }
            return DILARecord.publicBody(from: value).mapError { reason in
                let id: String? = if case .object(let fields, _) = value { DILARecord.string(fields["id"]) } else { nil }
                return DILARecordRejection(reason, record: number, line: line, id: id)
            }
        }
    }
}
