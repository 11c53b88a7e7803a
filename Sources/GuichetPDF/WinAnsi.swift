/// Text in WinAnsiEncoding, the encoding of the standard PDF fonts: every character of
/// French (accents, œ, €, « », ’) has a code; other characters fall back to their
/// unaccented letter or to "?".
enum WinAnsi {
    private static let specials: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
        // Spaces and dashes typed by French keyboards and word processors.
        0x202F: 0xA0, 0x2009: 0x20, 0x2007: 0x20, 0x2010: 0x2D, 0x2011: 0x2D, 0x2212: 0x2D, 0x0009: 0x20,
    ]

    static func code(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if (0x20...0x7E).contains(value) || (0xA0...0xFF).contains(value) { return UInt8(value) }
        return specials[value]
    }

    static func encode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for character in text {
            var encoded: [UInt8] = []
            for scalar in character.unicodeScalars {
                if let code = code(scalar) { encoded.append(code) }
            }
            if encoded.isEmpty || character.unicodeScalars.count != encoded.count {
                // Decompose (ő → o + ̋) and keep what has a code.
                let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.compactMap(code)
                encoded = base.isEmpty ? [UInt8(ascii: "?")] : base
            }
            bytes += encoded
        }
        return bytes
    }
}

/// The two standard fonts used by generated documents.
enum StandardFont {
    case regular
    case bold

    var resourceName: String { self == .regular ? "F1" : "F2" }
    var baseFont: String { self == .regular ? "Helvetica" : "Helvetica-Bold" }

    /// Width of encoded text at a size, in points.
    func width(_ bytes: [UInt8], size: Double) -> Double {
        let table = self == .regular ? HelveticaMetrics.regular : HelveticaMetrics.bold
        return Double(bytes.reduce(0) { $0 + Int(table[Int($1)]) }) * size / 1000
    }

    func width(_ text: String, size: Double) -> Double { width(WinAnsi.encode(text), size: size) }
}
