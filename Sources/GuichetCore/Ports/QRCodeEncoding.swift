import Foundation

/// Draws QR codes (the authenticator app's `otpauth://` link, which most people add by
/// scanning rather than by typing the key).
public protocol QRCodeEncoding: Sendable {
    /// Nil when the text cannot be encoded (too long).
    func encode(_ text: String) -> QRMatrix?
}

/// A QR code's modules, row after row.
public struct QRMatrix: Sendable, Equatable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// `true` for a dark module.
    public let modules: [Bool]
    /// The light margin readers need around the code, in modules.
    public static let quietZone = 4

    public init(size: Int, modules: [Bool]) {
        precondition(modules.count == size * size, "a QR matrix is square")
        self.size = size
        self.modules = modules
    }

    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// The dark modules as one SVG path, one rectangle per horizontal run, in a square
    /// of `size + 2 × quietZone` units.
    public var svgPath: String {
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
