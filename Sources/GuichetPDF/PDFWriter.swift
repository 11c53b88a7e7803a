import Foundation

/// A PDF file held as a list of chunks: large streams (a JPEG's bytes, a PNG's compressed
/// rows) stay slices of the input and are written to disk without ever being copied.
public struct PDFBytes: Sendable {
    public let chunks: [ArraySlice<UInt8>]

    public var count: Int { chunks.reduce(0) { $0 + $1.count } }

    /// The whole file in one array (for tests and small documents).
    public var bytes: [UInt8] {
        var all: [UInt8] = []
        all.reserveCapacity(count)
        for chunk in chunks { all.append(contentsOf: chunk) }
        return all
    }

    public func write(to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        for chunk in chunks { try chunk.withUnsafeBytes { try handle.write(contentsOf: $0) } }
    }
}

/// Writes a PDF file object by object, with its cross-reference table.
struct PDFWriter {
    private var chunks: [ArraySlice<UInt8>] = []
    private var length = 0
    private var offsets: [Int] = [0]

    init(version: String = "1.5") {
        append(Array("%PDF-\(version)\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
    }

    private mutating func append(_ bytes: [UInt8]) {
        append(bytes[...])
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        chunks.append(bytes)
        length += bytes.count
    }

    /// Reserves the number of an object written later (for forward references).
    mutating func reserve() -> Int {
        offsets.append(-1)
        return offsets.count - 1
    }

    mutating func write(_ number: Int, _ dictionary: String, stream: ArraySlice<UInt8>? = nil) {
        offsets[number] = length
        var text = "\(number) 0 obj\n" + dictionary
        if let stream {
            append(Array((text + "\nstream\n").utf8))
            append(stream)
            text = "\nendstream"
        }
        append(Array((text + "\nendobj\n").utf8))
    }

    mutating func add(_ dictionary: String, stream: ArraySlice<UInt8>? = nil) -> Int {
        let number = reserve()
        write(number, dictionary, stream: stream)
        return number
    }

    mutating func finish(root: Int, info: Int? = nil) -> PDFBytes {
        let start = length
        var table = "xref\n0 \(offsets.count)\n0000000000 65535 f \n"
        for offset in offsets.dropFirst() {
            precondition(offset >= 0, "an object was reserved but never written")
            table += String(format: "%010d 00000 n \n", offset)
        }
        let id = PDFWriter.hex((0..<16).map { _ in UInt8.random(in: 0...255) })
        table += "trailer\n<< /Size \(offsets.count) /Root \(root) 0 R"
        if let info { table += " /Info \(info) 0 R" }
        table += " /ID [<\(id)> <\(id)>] >>\nstartxref\n\(start)\n%%EOF\n"
        append(Array(table.utf8))
        return PDFBytes(chunks: chunks)
    }

    /// A number as PDF writes it: at most two decimals, no exponent.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.2f", rounded)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02X", $0) }.joined()
    }
}
