import GuichetCore

/// The first frame of a GIF, decoded to palette indices on the logical screen.
public struct GIFImage: Sendable {
    public let width: Int
    public let height: Int
    /// RGB triples.
    public let palette: [UInt8]
    public let transparentIndex: Int?
    /// One palette index per pixel, row by row.
    public let indices: [UInt8]

    public static func parse(_ data: [UInt8]) throws(DocumentError) -> GIFImage {
        guard data.count >= 13 else { throw .damaged(.gif) }
        func u16(_ at: Int) -> Int { Int(data[at]) | Int(data[at + 1]) << 8 }
        let width = u16(6), height = u16(8)
        guard width > 0, height > 0 else { throw .damaged(.gif) }
        if width * height > DocumentLimits.maximumPixels { throw .tooManyPixels(megapixels: width * height / 1_000_000) }
        let flags = data[10]
        var index = 13
        var globalPalette: [UInt8]? = nil
        if flags & 0x80 != 0 {
            let size = 3 << (Int(flags & 0x07) + 1)
            guard index + size <= data.count else { throw .damaged(.gif) }
            globalPalette = Array(data[index..<(index + size)])
            index += size
        }
        let background = Int(data[11])
        var transparent: Int? = nil
        var frame: GIFImage? = nil

        func skipSubBlocks() throws(DocumentError) {
            while true {
                guard index < data.count else { throw .damaged(.gif) }
                let size = Int(data[index])
                index += 1
                if size == 0 { return }
                guard index + size <= data.count else { throw .damaged(.gif) }
                index += size
            }
        }

        while true {
            guard index < data.count else { throw .damaged(.gif) }
            let introducer = data[index]
            index += 1
            switch introducer {
            case 0x3B:
                if data[index...].contains(where: { $0 != 0 }) { throw .unexpectedContent(.gif) }
                guard let frame else { throw .damaged(.gif) }
                return frame
            case 0x21:
                guard index < data.count else { throw .damaged(.gif) }
                let label = data[index]
                index += 1
                if label == 0xF9, frame == nil, index + 5 < data.count, data[index] == 4 {
                    transparent = data[index + 1] & 0x01 != 0 ? Int(data[index + 4]) : nil
                }
                try skipSubBlocks()
            case 0x2C:
                guard index + 9 <= data.count else { throw .damaged(.gif) }
                let left = u16(index), top = u16(index + 2), frameWidth = u16(index + 4), frameHeight = u16(index + 6)
                let frameFlags = data[index + 8]
                index += 9
                if frameWidth * frameHeight > DocumentLimits.maximumPixels {
                    throw .tooManyPixels(megapixels: frameWidth * frameHeight / 1_000_000)
                }
                var palette = globalPalette
                if frameFlags & 0x80 != 0 {
                    let size = 3 << (Int(frameFlags & 0x07) + 1)
                    guard index + size <= data.count else { throw .damaged(.gif) }
                    palette = Array(data[index..<(index + size)])
                    index += size
                }
                guard index < data.count else { throw .damaged(.gif) }
                let minimumCodeSize = Int(data[index])
                index += 1
                guard (2...8).contains(minimumCodeSize) else { throw .damaged(.gif) }
                let blocksStart = index
                try skipSubBlocks()
                guard frame == nil else { continue }
                guard let palette else { throw .damaged(.gif) }
                var packed: [UInt8] = []
                var cursor = blocksStart
                while data[cursor] != 0 {
                    let size = Int(data[cursor])
                    packed.append(contentsOf: data[(cursor + 1)..<(cursor + 1 + size)])
                    cursor += size + 1
                }
                var pixels = LZW.decode(packed, minimumCodeSize: minimumCodeSize, pixelCount: frameWidth * frameHeight)
                if frameFlags & 0x40 != 0 { pixels = deinterlace(pixels, width: frameWidth, height: frameHeight) }
                // The first frame is drawn on the logical screen; the rest of the screen is
                // transparent when the frame says so, otherwise the background colour.
                var canvas = [UInt8](repeating: UInt8(transparent ?? background), count: width * height)
                for row in 0..<frameHeight where top + row < height {
                    for column in 0..<frameWidth where left + column < width {
                        canvas[(top + row) * width + left + column] = pixels[row * frameWidth + column]
                    }
                }
                frame = GIFImage(width: width, height: height, palette: palette, transparentIndex: transparent, indices: canvas)
            default:
                throw .damaged(.gif)
            }
        }
    }

    /// GIF interlacing stores rows 0, 8, 16…, then 4, 12…, then 2, 6…, then 1, 3….
    static func deinterlace(_ pixels: [UInt8], width: Int, height: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: pixels.count)
        var source = 0
        for (start, step) in [(0, 8), (4, 8), (2, 4), (1, 2)] {
            for row in stride(from: start, to: height, by: step) {
                output.replaceSubrange((row * width)..<((row + 1) * width), with: pixels[(source * width)..<((source + 1) * width)])
                source += 1
            }
        }
        return output
    }
}

/// GIF's variable-length LZW. Stops at the expected number of pixels; a short stream
/// leaves the rest at index 0, as browsers do.
enum LZW {
    static func decode(_ data: [UInt8], minimumCodeSize: Int, pixelCount: Int) -> [UInt8] {
        let clear = 1 << minimumCodeSize, end = clear + 1
        var prefix = [Int](repeating: 0, count: 4096)
        var suffix = [UInt8](repeating: 0, count: 4096)
        var length = [Int](repeating: 1, count: 4096)
        var firstByte = [UInt8](repeating: 0, count: 4096)
        for code in 0..<clear {
            suffix[code] = UInt8(code & 0xFF)
            firstByte[code] = UInt8(code & 0xFF)
        }
        var output = [UInt8](repeating: 0, count: pixelCount)
        var written = 0
        var codeSize = minimumCodeSize + 1, next = end + 1
        var previous = -1
        var bitBuffer = 0, bitCount = 0, position = 0

        func emit(_ code: Int) {
            let count = length[code]
            var code = code
            var at = written + count - 1
            while at >= written {
                if at < pixelCount { output[at] = suffix[code] }
                code = prefix[code]
                at -= 1
            }
            written += count
        }

        while written < pixelCount {
            while bitCount < codeSize, position < data.count {
                bitBuffer |= Int(data[position]) << bitCount
                bitCount += 8
                position += 1
            }
            if bitCount < codeSize { break }
            let code = bitBuffer & ((1 << codeSize) - 1)
            bitBuffer >>= codeSize
            bitCount -= codeSize
            if code == clear {
                codeSize = minimumCodeSize + 1
                next = end + 1
                previous = -1
                continue
            }
            if code == end { break }
            if previous == -1 {
                guard code < clear else { break }
                emit(code)
                previous = code
                continue
            }
            let head: UInt8
            if code < next {
                head = firstByte[code]
                emit(code)
            } else if code == next {
                head = firstByte[previous]
                // The KwKwK case: the new string is the previous one plus its own first byte.
                prefix[next] = previous
                suffix[next] = head
                length[next] = length[previous] + 1
                firstByte[next] = firstByte[previous]
                emit(next)
            } else {
                break
            }
            if next < 4096 {
                prefix[next] = previous
                suffix[next] = head
                length[next] = length[previous] + 1
                firstByte[next] = firstByte[previous]
                next += 1
                if next == 1 << codeSize, codeSize < 12 { codeSize += 1 }
            }
            previous = code
        }
        return output
    }
}
