import Foundation

/// Reads a QR code drawn as our SVG path with a real reader (zbarimg).
public enum QRReader {
    /// The code drawn by an SVG path of our shape ("M x y h n v1 h-n z" runs) as a PGM
    /// picture, four pixels per module, and what zbarimg reads in it.
    public static func read(svgPath: String, side: Int) throws -> String? {
        let scale = 4
        var pixels = [UInt8](repeating: 255, count: side * scale * side * scale)
        let run = try NSRegularExpression(pattern: #"M(\d+) (\d+)h(\d+)v1h-\d+z"#)
        let matches = run.matches(in: svgPath, range: NSRange(svgPath.startIndex..., in: svgPath))
        guard !matches.isEmpty else { return nil }
        for match in matches {
            let number = { (group: Int) in Int((svgPath as NSString).substring(with: match.range(at: group)))! }
            let (x, y, length) = (number(1), number(2), number(3))
            for px in x * scale..<(x + length) * scale {
                for py in y * scale..<(y + 1) * scale { pixels[py * side * scale + px] = 0 }
            }
        }
        let file = try Tools.temporaryDirectory().appendingPathComponent("qr.pgm")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try (Data("P5 \(side * scale) \(side * scale) 255\n".utf8) + Data(pixels)).write(to: file)
        // Binary: the bytes as encoded (UTF-8), not re-read in a guessed character set.
        // Standard output only: zbarimg writes unrelated notices to standard error.
        let zbar = Process()
        zbar.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        zbar.arguments = ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sqrcode.binary", file.path]
        let output = Pipe()
        zbar.standardOutput = output
        zbar.standardError = FileHandle.nullDevice
        try zbar.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        zbar.waitUntilExit()
        guard zbar.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

}
