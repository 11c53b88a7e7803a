@testable import GuichetPDF
import Testing

/// The table and header rules on which a JPEG decoder stops (the corpus has whole files
/// for each; these pin the edges).
@Suite struct JPEGDecoderCheckTests {
    /// A DHT table: selector, 16 counts, symbols.
    func huffman(_ selector: UInt8, counts: [UInt8], symbols: [UInt8]? = nil) -> ArraySlice<UInt8> {
        let total = counts.reduce(0) { $0 + Int($1) }
        return ArraySlice([selector] + counts + (symbols ?? (0..<total).map { UInt8($0 % 12) }))
    }

    func refused(_ body: () throws -> Void) -> Bool {
        do { try body(); return false } catch { return error as? DocumentError == .damaged(.jpeg) }
    }

    @Test func huffmanCodesMustFitTheirLengthsWithTheAllOnesCodeFree() throws {
        var check = JPEGDecoderCheck()
        // One code of each length 1…16 leaves the all-ones code of length 16 free.
        try check.readHuffmanTables(huffman(0x10, counts: Array(repeating: 1, count: 16)))
        // Two codes of length 1 would use it.
        #expect(refused { try check.readHuffmanTables(huffman(0x10, counts: [2] + Array(repeating: 0, count: 15))) })
        #expect(refused { try check.readHuffmanTables(huffman(0x00, counts: [0, 3, 2] + Array(repeating: 0, count: 13))) })
        try check.readHuffmanTables(huffman(0x00, counts: [0, 3, 1] + Array(repeating: 0, count: 13)))
    }

    @Test func huffmanSelectorsCountsAndDCSymbols() throws {
        var check = JPEGDecoderCheck()
        try check.readHuffmanTables(huffman(0x13, counts: [0, 1] + Array(repeating: 0, count: 14)))
        #expect(refused { try check.readHuffmanTables(huffman(0x04, counts: [0, 1] + Array(repeating: 0, count: 14))) })
        #expect(refused { try check.readHuffmanTables(huffman(0x20, counts: [0, 1] + Array(repeating: 0, count: 14))) })
        // A DC symbol is a bit count: 15 at most. AC symbols are any byte.
        try check.readHuffmanTables(huffman(0x00, counts: [0, 1] + Array(repeating: 0, count: 14), symbols: [15]))
        #expect(refused { try check.readHuffmanTables(huffman(0x00, counts: [0, 1] + Array(repeating: 0, count: 14), symbols: [16])) })
        try check.readHuffmanTables(huffman(0x10, counts: [0, 1] + Array(repeating: 0, count: 14), symbols: [0xF0]))
        // Symbols missing from the segment.
        #expect(refused { try check.readHuffmanTables(ArraySlice([0x00, 0, 2] + Array(repeating: 0, count: 14) + [1])) })
    }

    @Test func quantizationTables() throws {
        var check = JPEGDecoderCheck()
        try check.readQuantizationTables(ArraySlice([0x00] + Array(repeating: 1, count: 64) + [0x13] + Array(repeating: 0, count: 128)))
        #expect(refused { try check.readQuantizationTables(ArraySlice([0x04] + Array(repeating: 1, count: 64))) })
        #expect(refused { try check.readQuantizationTables(ArraySlice([0x10] + Array(repeating: 1, count: 64))) })
    }

    /// A three-component 4:2:0 frame with quantization tables 0 and 1.
    func frame(progressive: Bool = false) throws -> JPEGDecoderCheck {
        var check = JPEGDecoderCheck()
        try check.readQuantizationTables(ArraySlice([0x00] + Array(repeating: 1, count: 64) + [0x01] + Array(repeating: 1, count: 64)))
        _ = try check.readFrame([8, 0, 16, 0, 16, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1], progressive: progressive)
        return check
    }

    @Test func sequentialScansUseStandardHuffmanTablesZeroAndOneOnly() throws {
        var check = try frame()
        try check.readScan([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0])
        var other = try frame()
        #expect(refused { try other.readScan([3, 1, 0x22, 2, 0x11, 3, 0x11, 0, 63, 0]) })
        // A second scan after one holding every component.
        #expect(refused { try check.readScan([1, 1, 0x00, 0, 63, 0]) })
        // Separate scans per component are fine.
        var separate = try frame()
        for id: UInt8 in [1, 2, 3] { try separate.readScan([1, id, 0x00, 0, 63, 0]) }
        #expect(separate.scans == 3)
    }

    @Test func scanComponentsMustExistOnceEach() throws {
        var unknown = try frame()
        #expect(refused { try unknown.readScan([1, 9, 0x00, 0, 63, 0]) })
        var twice = try frame()
        #expect(refused { try twice.readScan([2, 1, 0x00, 1, 0x00, 0, 63, 0]) })
        var noFrame = JPEGDecoderCheck()
        #expect(refused { try noFrame.readScan([1, 1, 0x00, 0, 63, 0]) })
    }

    @Test func progressiveScansNeedDefinedTablesAndValidBands() throws {
        var check = try frame(progressive: true)
        #expect(refused { try check.readScan([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 0, 0]) })   // no DC table defined
        try check.readHuffmanTables(huffman(0x00, counts: [0, 1] + Array(repeating: 0, count: 14), symbols: [3]))
        try check.readHuffmanTables(huffman(0x01, counts: [0, 1] + Array(repeating: 0, count: 14), symbols: [3]))
        try check.readScan([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 0, 0x01])                      // DC, first pass
        #expect(refused { try check.readScan([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 5, 0]) })    // DC band ending at 5
        #expect(refused { try check.readScan([2, 1, 0x00, 2, 0x11, 1, 63, 0]) })           // AC band of two components
        #expect(refused { try check.readScan([1, 1, 0x00, 1, 63, 0]) })                    // AC table 0 undefined
        try check.readHuffmanTables(huffman(0x10, counts: [0, 1] + Array(repeating: 0, count: 14)))
        try check.readScan([1, 1, 0x00, 1, 63, 0])
        #expect(refused { try check.readScan([1, 1, 0x00, 1, 63, 0x30]) })                 // refinement skipping a bit
        #expect(refused { try check.readScan([1, 1, 0x00, 1, 63, 0x0E]) })                 // point transform over 13
    }

    @Test func framesSampling() throws {
        var check = JPEGDecoderCheck()
        #expect(refused { _ = try check.readFrame([8, 0, 16, 0, 16, 1, 1, 0x50, 0], progressive: false) })
        #expect(refused { _ = try check.readFrame([8, 0, 16, 0, 16, 2, 1, 0x11, 0, 2, 0x11, 0], progressive: false) })
        #expect(refused { _ = try check.readFrame([8, 0, 16, 0, 16, 3, 1, 0x11, 0, 1, 0x11, 0, 3, 0x11, 0], progressive: false) })
        #expect(refused { _ = try check.readFrame([8, 0, 16, 0, 16, 3, 1, 0x11, 0, 2, 0x11, 0], progressive: false) })
        do {
            _ = try check.readFrame([8, 0, 16, 0, 16, 3, 1, 0x32, 0, 2, 0x22, 1, 3, 0x11, 1], progressive: false)
            Issue.record("3:2 sampling accepted")
        } catch { #expect(error == .unsupportedVariant("JPEG à sous-échantillonnage fractionnaire")) }
        _ = try check.readFrame([8, 0, 16, 0, 16, 1, 1, 0x32, 0], progressive: false)
        #expect(refused { _ = try check.readFrame([8, 0, 16, 0, 16, 1, 1, 0x11, 0], progressive: false) })   // a second frame
    }
}
