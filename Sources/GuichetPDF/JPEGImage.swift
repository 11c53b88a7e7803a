import Foundation
import GuichetCore

/// A JPEG file, read only as far as needed to embed it unchanged in a PDF (DCTDecode):
/// its size, colour components, resolution, orientation, and where it ends.
public struct JPEGImage: Sendable {
    public let width: Int
    public let height: Int
    public let components: Int
    /// Adobe CMYK files store inverted values.
    public let invertedCMYK: Bool
    public let dpi: Double?
    /// From the EXIF data: how to turn the stored pixels to see them upright.
    public let orientation: ImageOrientation
    /// The image's own bytes, from SOI to EOI.
    public let bytes: ArraySlice<UInt8>

    public static func parse(_ data: [UInt8]) throws(DocumentError) -> JPEGImage {
        guard data.count > 4, data[0] == 0xFF, data[1] == 0xD8 else { throw .damaged(.jpeg) }
        var index = 2
        var decoder = JPEGDecoderCheck()
        var adobe = false
        var dpi: Double? = nil
        var multiPicture = false
        var orientation = ImageOrientation.up

        func u16(_ at: Int) -> Int { Int(data[at]) << 8 | Int(data[at + 1]) }

        while true {
            guard index < data.count, data[index] == 0xFF else { throw .damaged(.jpeg) }
            while index < data.count, data[index] == 0xFF { index += 1 }
            guard index < data.count else { throw .damaged(.jpeg) }
            let marker = data[index]
            index += 1
            if marker == 0xD9 { break }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { continue }
            guard index + 2 <= data.count else { throw .damaged(.jpeg) }
            let length = u16(index)
            guard length >= 2, index + length <= data.count else { throw .damaged(.jpeg) }
            let segment = (index + 2)..<(index + length)
            switch marker {
            case 0xC0, 0xC1, 0xC2:
                let frame = try decoder.readFrame(data[segment], progressive: marker == 0xC2)
                if frame.width * frame.height > DocumentLimits.maximumPixels {
                    throw .tooManyPixels(megapixels: frame.width * frame.height / 1_000_000)
                }
            case 0xC4:
                try decoder.readHuffmanTables(data[segment])
            case 0xDB:
                try decoder.readQuantizationTables(data[segment])
            case 0xDD:
                try JPEGDecoderCheck.checkRestartInterval(data[segment])
            case 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF:
                throw .unsupportedVariant("JPEG sans perte ou à codage arithmétique")
            case 0xE0 where segment.count >= 12 && Array(data[segment.prefix(5)]) == Array("JFIF\0".utf8):
                let units = data[segment.lowerBound + 7]
                let density = Double(u16(segment.lowerBound + 8))
                if density > 0 { dpi = units == 1 ? density : units == 2 ? density * 2.54 : nil }
            case 0xE1 where segment.count >= 14 && Array(data[segment.prefix(6)]) == Array("Exif\0\0".utf8):
                orientation = ImageOrientation.exif(data[segment.dropFirst(6)])
            case 0xE2 where segment.count >= 4 && Array(data[segment.prefix(4)]) == Array("MPF\0".utf8):
                multiPicture = true
            case 0xEE where segment.count >= 5 && Array(data[segment.prefix(5)]) == Array("Adobe".utf8):
                adobe = true
            case 0xDA:
                try decoder.readScan(data[segment])
                // Skip the entropy-coded data up to the next real marker. memchr finds each
                // 0xFF (rare in compressed data) at memory speed.
                var scan = index + length
                while scan + 1 < data.count {
                    guard let found = Self.nextFF(in: data, from: scan), found + 1 < data.count else { scan = data.count; break }
                    let next = data[found + 1]
                    if next == 0x00 || (0xD0...0xD7).contains(next) { scan = found + 2; continue }
                    if next == 0xFF { scan = found + 1; continue }
                    scan = found
                    break
                }
                guard scan + 1 < data.count else { throw .damaged(.jpeg) }
                index = scan
                continue
            case 0xDC, 0xE0...0xEF, 0xFE:
                // Number of lines, application data, comments: nothing a reader needs here.
                break
            default:
                // SOI again, arithmetic conditioning (belongs to the refused arithmetic
                // frames; decoders check its values), hierarchical and reserved markers.
                throw .damaged(.jpeg)
            }
            index += length
        }
        guard let frame = decoder.frame, decoder.scans > 0 else { throw .damaged(.jpeg) }
        try checkTrailer(data[index...], multiPicture: multiPicture)
        let components = frame.components.count
        return JPEGImage(width: frame.width, height: frame.height, components: components,
                         invertedCMYK: adobe && components == 4, dpi: dpi, orientation: orientation, bytes: data[0..<index])
    }

    static func nextFF(in data: [UInt8], from start: Int) -> Int? {
        data.withUnsafeBufferPointer { buffer in
            guard start < buffer.count, let base = buffer.baseAddress,
                  let found = memchr(base + start, 0xFF, buffer.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// After EOI: padding is fine, and so are the extra pictures of multi-picture files and
    /// the video of "motion photos" (both dropped); anything else may hide another file.
    static func checkTrailer(_ trailer: ArraySlice<UInt8>, multiPicture: Bool) throws(DocumentError) {
        let meaningful = trailer.drop { $0 == 0 || $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }
        if meaningful.isEmpty { return }
        if multiPicture, meaningful.starts(with: [0xFF, 0xD8, 0xFF]) { return }
        if meaningful.count > 8, Array(meaningful.dropFirst(4).prefix(4)) == Array("ftyp".utf8) { return }
        throw .unexpectedContent(.jpeg)
    }
}
