import Foundation
import GuichetTestSupport
@testable import GuichetWeb
import Testing

/// The QR code of the authenticator-app enrolment, read back by a real reader (zbarimg).
@Suite struct QRCodeTests {
    /// The code drawn by an SVG path of our shape ("M x y h n v1 h-n z" runs) as a PGM
    /// picture, four pixels per module, and what zbarimg reads in it.
    static func read(svgPath: String, side: Int) throws -> String? {
        let scale = 4
        var pixels = [UInt8](repeating: 255, count: side * scale * side * scale)
        let run = try NSRegularExpression(pattern: #"M(\d+) (\d+)h(\d+)v1h-\d+z"#)
        let matches = run.matches(in: svgPath, range: NSRange(svgPath.startIndex..., in: svgPath))
        #expect(!matches.isEmpty)
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

    @Test(arguments: ["otpauth://totp/Guichet:jeanne.martin?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Guichet&algorithm=SHA1&digits=6&period=30",
                      "é€ and bytes beyond ASCII", "x"])
    func whatIsEncodedIsReadBack(text: String) throws {
        let code = try #require(QRCode(text))
        #expect(code.modules.count == code.size * code.size && code.size >= 21 && (code.size - 17) % 4 == 0, "a QR version's size")
        #expect(try Self.read(svgPath: code.svgPath, side: code.size + 2 * QRCode.quietZone) == text)
    }

    @Test func enrolmentPageShowsTheLinkAsAReadableQRCode() async throws {
        try await withApp { app in
            try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            let page = try await browser.get("/mon-compte/mes-options/application")
            let link = try #require(page.firstMatch(#"href="(otpauth://[^"]+)""#, group: 1)).replacingOccurrences(of: "&amp;", with: "&")
            let svg = try #require(page.firstMatch(#"<svg[^>]*class="qr-code"[^>]*>.*?</svg>"#))
            #expect(svg.contains(#"role="img""#) && svg.contains(#"aria-label="Code QR du compte Guichet"#))
            let side = try #require(page.firstMatch(#"viewBox="0 0 (\d+) \d+""#, group: 1).flatMap { Int($0) })
            let path = try #require(page.firstMatch(#"<path d="([^"]+)""#, group: 1))
            #expect(try Self.read(svgPath: path, side: side) == link)
        }
    }
}
