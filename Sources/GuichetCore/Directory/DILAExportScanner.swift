/// A byte-level JSON scanner fed chunk by chunk: it checks the whole document's syntax,
/// finds the `service` array of the top-level object and hands over each element's bytes
/// as soon as the element ends. It never holds more than the record being read (capped
/// at `maximumRecordSize`) and a few bytes of state, whatever the file's size.
///
/// It checks structure, strings and literals itself, so that an error names the exact
/// line; each record is then parsed by Foundation, which also checks its UTF-8.
struct DILAExportScanner {
    enum Event {
        case record(bytes: [UInt8], number: Int, line: Int)
        case oversized(number: Int, line: Int)
    }

    private enum Expect { case document, value, valueOrClose, keyOrClose, key, colon, commaOrClose, end }
    private struct Container { let isObject: Bool; let isService: Bool }

    let maximumRecordSize: Int
    private(set) var line = 1
    /// Whether the last byte read was a line break (the file's last line is then `line - 1`).
    private(set) var endsWithLineBreak = false
    private(set) var recordCount = 0
    /// The largest record buffer so far.
    private(set) var peakRecordBytes = 0

    private var expect = Expect.document
    private var stack: [Container] = []
    private var sawService = false
    private var nextIsService = false
    private var bomBytesSeen = 0
    // Inside a string.
    private var inString = false, stringIsKey = false, escaped = false
    private var hexDigitsLeft = 0
    private var key: [UInt8] = []
    // Inside a bare literal (true, false, null, a number).
    private var literal: [UInt8] = []
    // The record being captured.
    private var capturing = false, oversized = false
    private var captureStart = 0, recordLine = 0
    private var buffer: [UInt8] = []

    init(maximumRecordSize: Int) { self.maximumRecordSize = maximumRecordSize }

    private static let serviceKey = Array("service".utf8)
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The record number an error is attributed to: the one being read, or the next one
    /// while between records of the `service` array.
    private var currentRecord: Int? {
        guard stack.count >= 2, stack[1].isService else { return nil }
        return capturing ? recordCount : recordCount + 1
    }

    private func fail(_ kind: DILAExportError.Kind) -> DILAExportError {
        DILAExportError(kind, line: line, record: currentRecord)
    }

    mutating func feed(_ bytes: [UInt8], into events: inout [Event]) throws(DILAExportError) {
        var index = 0
        // A UTF-8 byte order mark, which some tools write before JSON (even split across
        // chunks of one or two bytes).
        while bomBytesSeen < 3, index < bytes.count, bytes[index] == Self.byteOrderMark[bomBytesSeen] {
            bomBytesSeen += 1
            index += 1
        }
        if index < bytes.count {
            guard bomBytesSeen == 0 || bomBytesSeen == 3 else { throw unexpected(Self.byteOrderMark[0]) }
            bomBytesSeen = 3
        }
        captureStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                try string(byte, at: index, of: bytes, into: &events)
            } else if !literal.isEmpty && Self.isLiteralByte(byte) {
                guard literal.count < 64 else { throw fail(.invalidLiteral(String(decoding: literal, as: UTF8.self) + "…")) }
                literal.append(byte)
            } else {
                if !literal.isEmpty { try endLiteral(lastIndex: index - 1, of: bytes, into: &events) }
                try structure(byte, at: index, of: bytes, into: &events)
            }
            index += 1
        }
        endsWithLineBreak = bytes.last == UInt8(ascii: "\n")
        if capturing { keep(bytes[captureStart..<bytes.count]) }
    }

    /// The end of the input: anything still open means a truncated file.
    mutating func finish() throws(DILAExportError) {
        if inString { throw fail(.unterminatedString) }
        switch expect {
        case .document: throw fail(.empty)
        case .end: break
        default: throw fail(.truncated)
        }
    }

    private mutating func string(_ byte: UInt8, at index: Int, of bytes: [UInt8], into events: inout [Event]) throws(DILAExportError) {
        if hexDigitsLeft > 0 {
            guard Self.isHexDigit(byte) else { throw fail(.invalidEscape) }
            hexDigitsLeft -= 1
        } else if escaped {
            guard "\"\\/bfnrtu".utf8.contains(byte) else { throw fail(.invalidEscape) }
            escaped = false
            if byte == UInt8(ascii: "u") { hexDigitsLeft = 4 }
        } else if byte == UInt8(ascii: "\\") {
            escaped = true
        } else if byte == UInt8(ascii: "\"") {
            inString = false
            if stringIsKey {
                if stack.count == 1 {
                    nextIsService = key == Self.serviceKey
                    if nextIsService {
                        guard !sawService else { throw fail(.duplicateServiceKey) }
                        sawService = true
                    }
                }
                expect = .colon
            } else {
                try valueEnded(lastIndex: index, of: bytes, into: &events)
            }
        } else if byte < 0x20 {
            // A line break inside a string almost always means its closing quote is missing.
            throw fail(byte == UInt8(ascii: "\n") ? .unterminatedString : .controlCharacterInString)
        } else if stringIsKey, stack.count == 1, key.count <= Self.serviceKey.count {
            key.append(byte)
        }
    }

    private mutating func structure(_ byte: UInt8, at index: Int, of bytes: [UInt8], into events: inout [Event]) throws(DILAExportError) {
        if expect == .end, !" \t\r\n".utf8.contains(byte) { throw fail(.trailingContent) }
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            break
        case UInt8(ascii: "\n"):
            line += 1
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = byte == UInt8(ascii: "{")
            let isService = try beginValue(byte, at: index)
            stack.append(Container(isObject: isObject, isService: isService))
            expect = isObject ? .keyOrClose : .valueOrClose
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            let isObject = byte == UInt8(ascii: "}")
            guard let top = stack.last, top.isObject == isObject,
                  expect == .commaOrClose || expect == (isObject ? .keyOrClose : .valueOrClose) else { throw unexpected(byte) }
            stack.removeLast()
            if stack.isEmpty, !sawService { throw DILAExportError(.missingServiceKey, line: line) }
            try valueEnded(lastIndex: index, of: bytes, into: &events)
        case UInt8(ascii: ":"):
            guard expect == .colon else { throw unexpected(byte) }
            expect = .value
        case UInt8(ascii: ","):
            guard expect == .commaOrClose, let top = stack.last else { throw unexpected(byte) }
            expect = top.isObject ? .key : .value
        case UInt8(ascii: "\""):
            inString = true
            escaped = false
            if expect == .keyOrClose || expect == .key {
                stringIsKey = true
                key.removeAll(keepingCapacity: true)
            } else {
                stringIsKey = false
                _ = try beginValue(byte, at: index)
            }
        default:
            // Literals start with the letter of true, false or null, a minus or a digit.
            guard "tfn-0123456789".utf8.contains(byte) else { throw unexpected(byte) }
            _ = try beginValue(byte, at: index)
            literal = [byte]
        }
    }

    /// Checks a value may start here; starts capturing when it is a record. Returns
    /// whether it is the `service` array.
    private mutating func beginValue(_ byte: UInt8, at index: Int) throws(DILAExportError) -> Bool {
        switch expect {
        case .document:
            guard byte == UInt8(ascii: "{") else { throw fail(.notAnObject) }
            return false
        case .value, .valueOrClose:
            break
        case .end:
            throw fail(.trailingContent)
        default:
            throw unexpected(byte)
        }
        if stack.count == 1, nextIsService {
            nextIsService = false
            guard byte == UInt8(ascii: "[") else { throw fail(.serviceNotAnArray) }
            return true
        }
        if stack.count == 2, stack[1].isService {
            recordCount += 1
            (capturing, oversized, captureStart, recordLine) = (true, false, index, line)
            buffer.removeAll(keepingCapacity: true)
        }
        return false
    }

    /// A value has ended at `lastIndex`; a record ends with it when back in `service`.
    private mutating func valueEnded(lastIndex: Int, of bytes: [UInt8], into events: inout [Event]) throws(DILAExportError) {
        expect = stack.isEmpty ? .end : .commaOrClose
        guard capturing, stack.count == 2, stack[1].isService else { return }
        keep(bytes[captureStart..<(lastIndex + 1)])
        capturing = false
        if oversized {
            events.append(.oversized(number: recordCount, line: recordLine))
        } else {
            events.append(.record(bytes: buffer, number: recordCount, line: recordLine))
        }
        // Records are handed over, not kept: give back a buffer grown by a large one.
        if buffer.capacity > 4 * 65_536 { buffer = [] } else { buffer.removeAll(keepingCapacity: true) }
    }

    private mutating func endLiteral(lastIndex: Int, of bytes: [UInt8], into events: inout [Event]) throws(DILAExportError) {
        defer { literal.removeAll(keepingCapacity: true) }
        guard Self.isValidLiteral(literal) else { throw fail(.invalidLiteral(String(decoding: literal, as: UTF8.self))) }
        try valueEnded(lastIndex: lastIndex, of: bytes, into: &events)
    }

    /// Appends part of the current chunk to the record, or drops the record's bytes once
    /// it is known to be too large (scanning goes on; the record is reported oversized).
    private mutating func keep(_ part: ArraySlice<UInt8>) {
        guard !oversized else { return }
        if buffer.count + part.count > maximumRecordSize {
            oversized = true
            buffer = []
            return
        }
        buffer.append(contentsOf: part)
        peakRecordBytes = max(peakRecordBytes, buffer.count)
    }

    private func unexpected(_ byte: UInt8) -> DILAExportError {
        let hex = String(byte, radix: 16, uppercase: true)
        let shown = byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "octet 0x" + (hex.count < 2 ? "0" : "") + hex
        return fail(.unexpectedCharacter(shown))
    }
}
