import CZlib
import Foundation

/// The standard PDF stream filters that only compress (Flate, LZW, RunLength, ASCIIHex,
/// ASCII85), as streaming decoders: each stage hands its output on in chunks, so a
/// chain of them decodes in constant memory and can be stopped the moment its output
/// passes a budget — a 4 KB file whose content inflates twice to gigabytes is refused
/// after reading a few hundred megabytes, not after holding them. Image codecs (DCT,
/// JPX, JBIG2, CCITT) are not decoded here: their size follows from the image's
/// dimensions, which are checked instead.
protocol StreamStage {
    /// Decodes `input`, handing each piece of output to `emit`. Returns false once the
    /// stream's end-of-data marker was seen (the rest of the input is ignored).
    mutating func feed(_ input: UnsafeBufferPointer<UInt8>, emit: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool
}

/// Why a chain stopped before its end: not an error of the document by itself (qpdf's
/// own check judges corrupt data); the stage cannot be followed further.
struct StreamStageFailure: Error {}

enum StreamStages {
    /// The decoder of a filter name, or nil for a filter that is not a pure compression.
    static func stage(_ name: String) -> (any StreamStage)? {
        switch name {
        case "FlateDecode", "Fl": FlateStage()
        case "LZWDecode", "LZW": LZWStage()
        case "RunLengthDecode", "RL": RunLengthStage()
        case "ASCIIHexDecode", "AHx": ASCIIHexStage()
        case "ASCII85Decode", "A85": ASCII85Stage()
        default: nil
        }
    }

    /// Runs `data` through `stages` in order and returns how many bytes come out of the
    /// last one, stopping with `BudgetExceeded` past `budget`.
    static func decodedSize(of data: UnsafeBufferPointer<UInt8>, through stages: [any StreamStage], budget: Int) throws -> Int {
        // One box per stage: a stage's output is fed to the next while the first is
        // still running, so they cannot share one mutable array.
        final class Box {
            var stage: any StreamStage
            init(_ stage: any StreamStage) { self.stage = stage }
        }
        let boxes = stages.map(Box.init)
        var total = 0
        func push(_ chunk: UnsafeBufferPointer<UInt8>, at level: Int) throws {
            if level == boxes.count {
                total += chunk.count
                if total > budget { throw BudgetExceeded() }
                return
            }
            _ = try boxes[level].stage.feed(chunk) { try push($0, at: level + 1) }
        }
        do {
            try push(data, at: 0)
        } catch is StreamStageFailure {
            // Corrupt or unsupported data: what was counted so far stands.
        }
        return total
    }

    struct BudgetExceeded: Error {}
}

/// zlib's inflate, streamed.
struct FlateStage: StreamStage {
    private final class Stream {
        var z = z_stream()
        var ready = false
        var ended = false

        deinit { if ready { inflateEnd(&z) } }
    }

    private let state = Stream()
    private static let chunk = 64 * 1024

    mutating func feed(_ input: UnsafeBufferPointer<UInt8>, emit: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        if state.ended { return false }
        if !state.ready {
            guard inflateInit_(&state.z, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw StreamStageFailure() }
            state.ready = true
        }
        guard let base = input.baseAddress, !input.isEmpty else { return true }
        var output = [UInt8](repeating: 0, count: Self.chunk)
        state.z.next_in = UnsafeMutablePointer(mutating: base)
        state.z.avail_in = uInt(input.count)
        repeat {
            let (status, produced) = output.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                state.z.next_out = buffer.baseAddress
                state.z.avail_out = uInt(buffer.count)
                let status = inflate(&state.z, Z_NO_FLUSH)
                return (status, buffer.count - Int(state.z.avail_out))
            }
            if produced > 0 { try output.withUnsafeBufferPointer { try emit(UnsafeBufferPointer(rebasing: $0[0..<produced])) } }
            switch status {
            case Z_STREAM_END:
                state.ended = true
                return false
            case Z_OK:
                continue
            case Z_BUF_ERROR where state.z.avail_in == 0:
                return true
            default:
                throw StreamStageFailure()
            }
        } while state.z.avail_in > 0 || state.z.avail_out == 0
        return true
    }
}

/// LZW as PDF writes it (9 to 12-bit codes, clear 256, end 257, early change).
struct LZWStage: StreamStage {
    private var table: [[UInt8]] = (0...255).map { [UInt8($0)] } + [[], []]
    private var previous: [UInt8]?
    private var bits: UInt32 = 0
    private var bitCount = 0
    private var width = 9
    private var ended = false

    mutating func feed(_ input: UnsafeBufferPointer<UInt8>, emit: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        if ended { return false }
        for byte in input {
            bits = bits << 8 | UInt32(byte)
            bitCount += 8
            while bitCount >= width {
                let code = Int((bits >> UInt32(bitCount - width)) & ((1 << UInt32(width)) - 1))
                bitCount -= width
                bits &= (1 << UInt32(bitCount)) - 1
                if code == 256 {
                    table.removeSubrange(258...)
                    width = 9
                    previous = nil
                    continue
                }
                if code == 257 {
                    ended = true
                    return false
                }
                let entry: [UInt8]
                if code < table.count, code != 256, code != 257 {
                    entry = table[code]
                } else if code == table.count, let previous {
                    entry = previous + [previous[0]]
                } else {
                    throw StreamStageFailure()
                }
                try entry.withUnsafeBufferPointer { try emit($0) }
                if let previous, table.count < 4096 { table.append(previous + [entry[0]]) }
                previous = entry
                if table.count + 1 >= 1 << width, width < 12 { width += 1 }
            }
        }
        return true
    }
}

/// RunLength: a length byte, then literal bytes or one repeated byte.
struct RunLengthStage: StreamStage {
    private enum State { case length, literal(Int), repeated(Int) }
    private var state = State.length
    private var ended = false

    mutating func feed(_ input: UnsafeBufferPointer<UInt8>, emit: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        if ended { return false }
        var index = 0
        while index < input.count {
            switch state {
            case .length:
                let length = Int(input[index])
                index += 1
                if length == 128 {
                    ended = true
                    return false
                }
                state = length < 128 ? .literal(length + 1) : .repeated(257 - length)
            case .literal(let remaining):
                let count = min(remaining, input.count - index)
                try emit(UnsafeBufferPointer(rebasing: input[index..<(index + count)]))
                index += count
                state = remaining - count == 0 ? .length : .literal(remaining - count)
            case .repeated(let count):
                let run = [UInt8](repeating: input[index], count: count)
                try run.withUnsafeBufferPointer { try emit($0) }
                index += 1
                state = .length
            }
        }
        return true
    }
}

/// ASCIIHex: pairs of hexadecimal digits, blanks ignored, `>` ends.
struct ASCIIHexStage: StreamStage {
    private var high: UInt8?
    private var ended = false

    mutating func feed(_ input: UnsafeBufferPointer<UInt8>, emit: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        if ended { return false }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 2 + 1)
        for byte in input {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
            case UInt8(ascii: ">"):
                if let high { output.append(high << 4) }
                ended = true
                try output.withUnsafeBufferPointer { try emit($0) }
                return false
            default: continue
            }
            if let pending = high {
                output.append(pending << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        try output.withUnsafeBufferPointer { try emit($0) }
        return true
    }
}

/// ASCII85: groups of five characters for four bytes, `z` for four zeros, `~>` ends.
struct ASCII85Stage: StreamStage {
    private var group: [UInt32] = []
    private var ended = false

    mutating func feed(_ input: UnsafeBufferPointer<UInt8>, emit: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        if ended { return false }
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        func flush(_ digits: [UInt32], keep: Int) {
            var value: UInt32 = 0
            for digit in digits + Array(repeating: 84, count: 5 - digits.count) { value = value &* 85 &+ digit }
            let bytes = [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
            output.append(contentsOf: bytes.prefix(keep))
        }
        for byte in input {
            switch byte {
            case UInt8(ascii: "!")...UInt8(ascii: "u"):
                group.append(UInt32(byte - UInt8(ascii: "!")))
                if group.count == 5 {
                    flush(group, keep: 4)
                    group = []
                }
            case UInt8(ascii: "z") where group.isEmpty:
                output.append(contentsOf: [0, 0, 0, 0])
            case UInt8(ascii: "~"):
                if group.count > 1 { flush(group, keep: group.count - 1) }
                ended = true
                try output.withUnsafeBufferPointer { try emit($0) }
                return false
            default:
                continue
            }
        }
        try output.withUnsafeBufferPointer { try emit($0) }
        return true
    }
}
