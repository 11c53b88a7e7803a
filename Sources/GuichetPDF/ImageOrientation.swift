/// How a stored image must be turned to be seen upright: the EXIF *Orientation* tag
/// (1–8), which phone cameras write instead of turning the pixels. A photo of a form
/// taken in portrait is usually stored sideways with orientation 6.
public enum ImageOrientation: Int, Sendable, CaseIterable {
    case up = 1
    case mirrored
    case upsideDown
    case upsideDownMirrored
    case transposed
    case rotatedClockwise
    case transverse
    case rotatedCounterclockwise

    /// Seen upright, the image's width is its stored height.
    public var swapsSides: Bool { rawValue >= 5 }

    /// The PDF matrix (`a b c d e f`, for `cm`) that paints the image's unit square
    /// upright into the box at (x, y) of the given upright size.
    public func matrix(x: Double, y: Double, width w: Double, height h: Double) -> [Double] {
        switch self {
        case .up: [w, 0, 0, h, x, y]
        case .mirrored: [-w, 0, 0, h, x + w, y]
        case .upsideDown: [-w, 0, 0, -h, x + w, y + h]
        case .upsideDownMirrored: [w, 0, 0, -h, x, y + h]
        case .transposed: [0, -h, -w, 0, x + w, y + h]
        case .rotatedClockwise: [0, -h, w, 0, x, y + h]
        case .transverse: [0, h, w, 0, x, y]
        case .rotatedCounterclockwise: [0, h, -w, 0, x + w, y]
        }
    }

    /// The orientation in an APP1 Exif segment's TIFF structure (after "Exif\0\0"):
    /// tag 0x0112 of the first directory. Anything unreadable means upright.
    public static func exif(_ tiff: ArraySlice<UInt8>) -> ImageOrientation {
        // Offsets count from the TIFF header; the slice is read in place (it may be large).
        guard tiff.count >= 8 else { return .up }
        func byte(_ at: Int) -> Int { Int(tiff[tiff.startIndex + at]) }
        let little: Bool
        switch (byte(0), byte(1)) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return .up
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            return little ? byte(at) | byte(at + 1) << 8 : byte(at) << 8 | byte(at + 1)
        }
        func u32(_ at: Int) -> Int? {
            guard let first = u16(at), let second = u16(at + 2) else { return nil }
            return little ? first | second << 16 : first << 16 | second
        }
        guard u16(2) == 42, let directory = u32(4), let count = u16(directory) else { return .up }
        for entry in 0..<min(count, 256) {
            let at = directory + 2 + entry * 12
            guard let tag = u16(at) else { return .up }
            // Type SHORT (3), one value, stored in the first two bytes of the value field.
            if tag == 0x0112, u16(at + 2) == 3, let value = u16(at + 8) {
                return ImageOrientation(rawValue: value) ?? .up
            }
        }
        return .up
    }
}
