import CQRencode

/// A QR code made by libqrencode (error correction level M, the smallest version that
/// holds the text): the authenticator app's `otpauth://` link, which most people add
/// by scanning rather than by typing the key.
struct QRCode: Sendable, Equatable {
    /// Modules per side, without the quiet zone.
    let size: Int
    /// Row after row, `true` for a dark module.
    let modules: [Bool]
    /// The light margin readers need around the code, in modules.
    static let quietZone = 4

    init?(_ text: String) {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = code.pointee.data!
        size = width
        // Bit 0 of each byte is the module's colour; the others are libqrencode's notes.
        modules = (0..<width * width).map { data[$0] & 1 == 1 }
    }

    func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// The dark modules as one SVG path, one rectangle per horizontal run, in a square
    /// of `size + 2 × quietZone` units.
    var svgPath: String {
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size, isDark(x: x, y: y) { x += 1 }
                path += "M\(start + Self.quietZone) \(y + Self.quietZone)h\(x - start)v1h-\(x - start)z"
            }
        }
        return path
    }
}
