import CZlib
import GuichetCore

/// A PNG file: its header, palette, transparency, resolution and compressed pixel data.
/// Chunk checksums are verified; pixels are only decompressed when they must be
/// rearranged (interlacing, alpha channel, transparent palette entries).
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    public let bitDepth: Int
    /// 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGB + alpha.
    public let colorType: Int
    public let interlaced: Bool
    /// RGB triples.
    public let palette: [UInt8]?
    /// The tRNS chunk as stored.
    public let transparency: [UInt8]?
    public let dpi: Double?
    /// From the eXIf chunk (phones and editors that keep a photo's EXIF data).
    public let orientation: ImageOrientation
    /// The concatenated IDAT chunks: one zlib stream.
    public let compressed: [UInt8]

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let allowedDepths: [Int: Set<Int>] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]

    public var channels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType]! }
    public var hasAlphaChannel: Bool { colorType == 4 || colorType == 6 }
    /// Bytes of one unfiltered row.
    public var rowBytes: Int { (width * channels * bitDepth + 7) / 8 }

    public static func parse(_ data: [UInt8]) throws(DocumentError) -> PNGImage {
        guard data.count >= 8, Array(data[0..<8]) == signature else { throw .damaged(.png) }
        var index = 8
        var header: (width: Int, height: Int, depth: Int, type: Int, interlaced: Bool)? = nil
        var palette: [UInt8]? = nil
        var transparency: [UInt8]? = nil
        var dpi: Double? = nil
        var orientation = ImageOrientation.up
        var compressed: [UInt8] = []
        var idatDone = false
        var ended = false

        func u32(_ at: Int) -> Int {
            Int(data[at]) << 24 | Int(data[at + 1]) << 16 | Int(data[at + 2]) << 8 | Int(data[at + 3])
        }

        while !ended {
            guard index + 12 <= data.count else { throw .damaged(.png) }
            let length = u32(index)
            let type = String(decoding: data[(index + 4)..<(index + 8)], as: UTF8.self)
            let start = index + 8
            guard length <= 0x7FFF_FFFF, start + length + 4 <= data.count else { throw .damaged(.png) }
            let stored = UInt(u32(start + length))
            let computed = data.withUnsafeBufferPointer { crc32(0, $0.baseAddress! + index + 4, uInt(length + 4)) }
            guard stored == computed else { throw .damaged(.png) }
            let body = data[start..<(start + length)]
            if header == nil, type != "IHDR" { throw .damaged(.png) }
            switch type {
            case "IHDR":
                guard header == nil, length == 13 else { throw .damaged(.png) }
                let width = u32(start), height = u32(start + 4)
                let depth = Int(data[start + 8]), colorType = Int(data[start + 9])
                guard width > 0, height > 0, allowedDepths[colorType]?.contains(depth) == true,
                      data[start + 10] == 0, data[start + 11] == 0, data[start + 12] <= 1 else { throw .damaged(.png) }
                // Checked before any pixel is read: a 50 000 × 50 000 header is refused at once.
                if width * height > DocumentLimits.maximumPixels {
                    throw .tooManyPixels(megapixels: width * height / 1_000_000)
                }
                header = (width, height, depth, colorType, data[start + 12] == 1)
            case "PLTE":
                guard length % 3 == 0, length > 0, length <= 768, compressed.isEmpty else { throw .damaged(.png) }
                palette = Array(body)
            case "tRNS":
                transparency = Array(body)
            case "pHYs":
                if length == 9, data[start + 8] == 1 {
                    let perMetre = Double(u32(start))
                    if perMetre > 0 { dpi = perMetre * 0.0254 }
                }
            case "eXIf":
                // The same TIFF structure as a JPEG's EXIF segment, without its "Exif" prefix.
                orientation = ImageOrientation.exif(body)
            case "IDAT":
                guard !idatDone else { throw .damaged(.png) }
                compressed.append(contentsOf: body)
            case "IEND":
                ended = true
            default:
                // An unknown critical chunk (upper-case first letter) cannot be skipped safely.
                if let first = type.unicodeScalars.first, ("A"..."Z").contains(first) { throw .unsupportedVariant("PNG non standard") }
            }
            if type != "IDAT", !compressed.isEmpty { idatDone = true }
            index = start + length + 4
        }
        guard let header, !compressed.isEmpty else { throw .damaged(.png) }
        if header.type == 3, palette == nil { throw .damaged(.png) }
        // Deflate cannot compress better than about 1,032 to 1: a few bytes of data
        // cannot hold the rows the header declares. Refused before anything is allocated
        // (a 1 KB file declaring a 100-megapixel 16-bit canvas would ask for gigabytes).
        let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][header.type]!
        let rows = header.height * ((header.width * channels * header.depth + 7) / 8 + 1)
        guard compressed.count * 1_032 + 1_024 >= rows else { throw .damaged(.png) }
        if data[index...].contains(where: { $0 != 0 }) { throw .unexpectedContent(.png) }
        return PNGImage(width: header.width, height: header.height, bitDepth: header.depth, colorType: header.type,
                        interlaced: header.interlaced, palette: palette, transparency: transparency, dpi: dpi,
                        orientation: orientation, compressed: compressed)
    }

    /// The pixels as unfiltered rows of `rowBytes` bytes (interlacing undone), at the
    /// file's own bit depth.
    public func decodePixels() throws(DocumentError) -> [UInt8] {
        let passes: [(x: Int, y: Int, dx: Int, dy: Int)] = interlaced
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)]
        let sizes = passes.map { pass -> (width: Int, height: Int) in
            ((width - pass.x + pass.dx - 1) / pass.dx, (height - pass.y + pass.dy - 1) / pass.dy)
        }
        let expected = sizes.reduce(0) { total, size in
            size.width == 0 || size.height == 0 ? total : total + size.height * ((size.width * channels * bitDepth + 7) / 8 + 1)
        }
        // The decoded rows, and the copies made of them, stay within a bound.
        guard expected <= DocumentLimits.maximumDecodedImageBytes else {
            throw .tooMuchContent(maximum: DocumentLimits.maximumDecodedImageBytes)
        }
        let raw: [UInt8]
        do { raw = try Zlib.inflate(compressed, expected: expected) } catch { throw .damaged(.png) }

        let bytesPerPixel = max(1, channels * bitDepth / 8)
        if !interlaced { return try unfilter(raw[...], rows: height, rowBytes: rowBytes, bytesPerPixel: bytesPerPixel) }

        var output = [UInt8](repeating: 0, count: rowBytes * height)
        var offset = 0
        for (pass, size) in zip(passes, sizes) where size.width > 0 && size.height > 0 {
            let passRowBytes = (size.width * channels * bitDepth + 7) / 8
            let length = size.height * (passRowBytes + 1)
            let rows = try unfilter(raw[offset..<(offset + length)], rows: size.height, rowBytes: passRowBytes, bytesPerPixel: bytesPerPixel)
            offset += length
            for row in 0..<size.height {
                let target = (pass.y + row * pass.dy) * rowBytes
                for column in 0..<size.width {
                    let x = pass.x + column * pass.dx
                    if bitDepth >= 8 {
                        let size = bytesPerPixel
                        for byte in 0..<size { output[target + x * size + byte] = rows[row * passRowBytes + column * size + byte] }
                    } else {
                        let value = Self.sample(rows, rowStart: row * passRowBytes, index: column, depth: bitDepth)
                        Self.setSample(&output, rowStart: target, index: x, depth: bitDepth, value: value)
                    }
                }
            }
        }
        return output
    }

    /// Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth), one tight loop per
    /// filter over raw buffers: this runs once per decoded byte.
    func unfilter(_ raw: ArraySlice<UInt8>, rows: Int, rowBytes: Int, bytesPerPixel bpp: Int) throws(DocumentError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: rows * rowBytes)
        let valid: Bool = raw.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                var source = 0
                for row in 0..<rows {
                    let filter = input[source]
                    source += 1
                    let base = row * rowBytes, previous = base - rowBytes
                    switch filter {
                    case 0:
                        for i in 0..<rowBytes { out[base + i] = input[source + i] }
                    case 1:
                        for i in 0..<rowBytes { out[base + i] = input[source + i] &+ (i >= bpp ? out[base + i - bpp] : 0) }
                    case 2:
                        if row == 0 {
                            for i in 0..<rowBytes { out[base + i] = input[source + i] }
                        } else {
                            for i in 0..<rowBytes { out[base + i] = input[source + i] &+ out[previous + i] }
                        }
                    case 3:
                        for i in 0..<rowBytes {
                            let a = i >= bpp ? Int(out[base + i - bpp]) : 0
                            let b = row > 0 ? Int(out[previous + i]) : 0
                            out[base + i] = input[source + i] &+ UInt8((a + b) >> 1)
                        }
                    case 4:
                        for i in 0..<rowBytes {
                            let a = i >= bpp ? Int(out[base + i - bpp]) : 0
                            let b = row > 0 ? Int(out[previous + i]) : 0
                            let c = row > 0 && i >= bpp ? Int(out[previous + i - bpp]) : 0
                            let p = a + b - c
                            let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                            out[base + i] = input[source + i] &+ UInt8(pa <= pb && pa <= pc ? a : pb <= pc ? b : c)
                        }
                    default:
                        return false
                    }
                    source += rowBytes
                }
                return true
            }
        }
        guard valid else { throw .damaged(.png) }
        return output
    }

    static func sample(_ data: [UInt8], rowStart: Int, index: Int, depth: Int) -> UInt8 {
        let bit = index * depth
        let byte = data[rowStart + bit / 8]
        let shift = 8 - depth - bit % 8
        return (byte >> UInt8(shift)) & UInt8((1 << depth) - 1)
    }

    static func setSample(_ data: inout [UInt8], rowStart: Int, index: Int, depth: Int, value: UInt8) {
        let bit = index * depth
        let shift = 8 - depth - bit % 8
        data[rowStart + bit / 8] |= value << UInt8(shift)
    }
}
