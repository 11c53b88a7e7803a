@testable import GuichetPDF
import Testing

/// The EXIF orientation of phone photos: read from the TIFF structure, applied by the
/// page's matrix.
@Suite struct ImageOrientationTests {
    /// A TIFF header and a first directory holding `entries` (tag, type, value).
    static func tiff(bigEndian: Bool, _ entries: [(tag: Int, type: Int, value: Int)]) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? u16(v >> 16) + u16(v & 0xFFFF) : u16(v & 0xFFFF) + u16(v >> 16) }
        var bytes: [UInt8] = (bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]) + u16(42) + u32(8) + u16(entries.count)
        for entry in entries { bytes += u16(entry.tag) + u16(entry.type) + u32(1) + u16(entry.value) + [0, 0] }
        return bytes + u32(0)
    }

    @Test(arguments: [false, true])
    func orientationIsReadInEitherByteOrder(bigEndian: Bool) {
        for value in 1...8 {
            let bytes = Self.tiff(bigEndian: bigEndian, [(0x010F, 2, 0), (0x0112, 3, value)])
            #expect(ImageOrientation.exif(bytes[...]) == ImageOrientation(rawValue: value))
        }
    }

    @Test func unreadableOrientationMeansUpright() {
        #expect(ImageOrientation.exif(Self.tiff(bigEndian: false, [(0x0112, 3, 9)])[...]) == .up, "out of range")
        #expect(ImageOrientation.exif(Self.tiff(bigEndian: false, [(0x0112, 4, 6)])[...]) == .up, "not a SHORT")
        #expect(ImageOrientation.exif(Self.tiff(bigEndian: false, [(0x010F, 2, 6)])[...]) == .up, "no orientation tag")
        let whole = Self.tiff(bigEndian: true, [(0x0112, 3, 6)])
        #expect(ImageOrientation.exif(whole[...]) == .rotatedClockwise)
        for cut in 0..<whole.count - 6 {  // the value ends 6 bytes before the end
            #expect(ImageOrientation.exif(whole.prefix(cut)) == .up, "cut at \(cut)")
        }
        var lying = whole
        lying[4...7] = [0x7F, 0xFF, 0xFF, 0xF0]  // the directory "starts" far beyond the data
        #expect(ImageOrientation.exif(lying[...]) == .up)
    }

    /// Property: random bytes never crash the reader.
    @Test func randomBytesNeverCrashTheReader() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if bytes.count >= 4, Bool.random(using: &generator) { bytes[0...3] = [0x49, 0x49, 42, 0] }
            _ = ImageOrientation.exif(bytes[...])
        }
    }

    /// Each matrix sends the stored image's corners to the right corners of the box:
    /// the stored top-left pixel (unit point 0,1) is where the orientation says.
    @Test func matricesPutTheStoredTopLeftCornerWhereTheOrientationSays() {
        let (x, y, w, h) = (10.0, 20.0, 300.0, 200.0)
        let topLeft = (x, y + h), topRight = (x + w, y + h), bottomLeft = (x, y), bottomRight = (x + w, y)
        let expected: [ImageOrientation: (Double, Double)] = [
            .up: topLeft, .mirrored: topRight, .upsideDown: bottomRight, .upsideDownMirrored: bottomLeft,
            .transposed: topLeft, .rotatedClockwise: topRight, .transverse: bottomRight, .rotatedCounterclockwise: bottomLeft,
        ]
        for orientation in ImageOrientation.allCases {
            let m = orientation.matrix(x: x, y: y, width: w, height: h)
            func apply(_ u: Double, _ v: Double) -> (Double, Double) { (m[0] * u + m[2] * v + m[4], m[1] * u + m[3] * v + m[5]) }
            let corner = apply(0, 1)
            #expect(corner == expected[orientation]!, "\(orientation)")
            // The unit square fills the box exactly.
            let corners = [apply(0, 0), apply(1, 0), apply(0, 1), apply(1, 1)]
            #expect(Set(corners.map { "\($0.0),\($0.1)" }) == Set([topLeft, topRight, bottomLeft, bottomRight].map { "\($0.0),\($0.1)" }), "\(orientation)")
        }
    }
}
