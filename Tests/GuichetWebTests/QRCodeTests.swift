import Foundation
import GuichetTestSupport
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing

/// The QR code of the authenticator-app enrolment page, read back by a real reader (zbarimg).
@Suite struct QRCodeTests {
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
            #expect(try QRReader.read(svgPath: path, side: side) == link)
        }
    }
}
