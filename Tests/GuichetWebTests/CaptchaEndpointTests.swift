import CZlib
import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct CaptchaEndpointTests {
    func challenge(_ app: TestApp) async throws -> String {
        let page = try await app.browser().get("/aide/poser-une-question")
        return try #require(page.inputValue("captcha_id"))
    }

    @Test func imageIsAValidPNGThatIsNotCached() async throws {
        try await withApp { app in
            let id = try await challenge(app)
            let response = try await app.app.testing().sendRequest(.GET, "/code-de-securite/\(id)/image")
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .png)
            #expect(response.headers.first(name: .cacheControl) == "no-store")
            let png = Array(response.body.readableBytesView)
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            let pixels = try PNGReader.grayscalePixels(png)
            #expect(pixels.width == 240 && pixels.height == 80)
            // There is dark ink on a light background.
            #expect(pixels.data.contains { $0 < 90 })
            #expect(pixels.data.filter { $0 > 200 }.count > pixels.data.count / 2)
            // Reloading a challenge gives the same picture, so averaging cannot remove the noise.
            let again = try await app.app.testing().sendRequest(.GET, "/code-de-securite/\(id)/image")
            #expect(Array(again.body.readableBytesView) == png)
        }
    }

    @Test func differentCodesDrawDifferentPictures() {
        #expect(CaptchaImage.pixels(code: "K7M4PX", seed: "a") != CaptchaImage.pixels(code: "K7M4PY", seed: "a"))
        #expect(CaptchaImage.pixels(code: "K7M4PX", seed: "a") != CaptchaImage.pixels(code: "K7M4PX", seed: "b"))
    }

    @Test func unknownOrExpiredChallengeHasNoImage() async throws {
        try await withApp { app in
            #expect(try await app.browser().get("/code-de-securite/inconnu/image").status == .notFound)
            let id = try await challenge(app)
            app.clock.advance(by: CaptchaCode.lifetime)
            #expect(try await app.browser().get("/code-de-securite/\(id)/image").status == .notFound)
            #expect(try await app.browser().get("/code-de-securite/\(id)/audio").status == .notFound)
        }
    }

    @Test func audioSpellsTheCodeInFrench() async throws {
        try await withApp { app in
            let id = try await challenge(app)
            let response = try await app.app.testing().sendRequest(.GET, "/code-de-securite/\(id)/audio")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType) == "audio/wav")
            #expect(response.headers.first(name: .cacheControl) == "no-store")
            let spoken = String(decoding: response.body.readableBytesView.dropFirst(12), as: UTF8.self)
            #expect(spoken == "Code de sécurité : ka, sept, èm, quatre, pé, ixe. Je répète : ka, sept, èm, quatre, pé, ixe.")
        }
    }

    @Test func audioRequestsAreLimitedPerAddress() async throws {
        try await withApp({ $0.trustProxyHeaders = true }) { app in
            let id = try await challenge(app)
            let browser = app.browser()
            browser.extraHeaders.add(name: "X-Forwarded-For", value: "203.0.113.9")
            for _ in 0..<RateLimitRule.captchaAudio.limit {
                #expect(try await browser.get("/code-de-securite/\(id)/audio").status == .ok)
            }
            let refused = try await browser.get("/code-de-securite/\(id)/audio")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.heading == "Trop de demandes")
        }
    }

    @Test func unavailableSpeechGivesAFrenchPage() async throws {
        try await withApp { app in
            let id = try await challenge(app)
            var services = app.app.guichet.services
            services.speech = EspeakSynthesizer(executable: "/nonexistent/espeak-ng")
            app.app.guichet = app.app.guichet.with(services: services)
            let page = try await app.browser().get("/code-de-securite/\(id)/audio")
            #expect(page.status == .serviceUnavailable)
            #expect(page.contains("L'écoute du code est momentanément indisponible"))
        }
    }

    /// The real speech engine, as installed by `make test`.
    @Test func espeakProducesAWaveFile() async throws {
        let executable = "/usr/bin/espeak-ng"
        try #require(FileManager.default.isExecutableFile(atPath: executable), "espeak-ng is missing: run `make deps`")
        let wav = try await EspeakSynthesizer(executable: executable).wav(speaking: Captchas.spokenText(for: "K7M4PX"))
        #expect(wav.prefix(4) == Data("RIFF".utf8))
        #expect(wav.dropFirst(8).prefix(4) == Data("WAVE".utf8))
        #expect(wav.count > 50_000, "several seconds of speech")
    }
}

/// Decodes the PNGs the captcha writes (8-bit grayscale, filter 0), checking every CRC.
enum PNGReader {
    struct Failure: Error {}

    static func grayscalePixels(_ png: [UInt8]) throws -> (width: Int, height: Int, data: [UInt8]) {
        var offset = 8
        var width = 0, height = 0
        var compressed: [UInt8] = []
        func be32(_ at: Int) -> Int { Int(png[at]) << 24 | Int(png[at + 1]) << 16 | Int(png[at + 2]) << 8 | Int(png[at + 3]) }
        while offset + 8 <= png.count {
            let length = be32(offset)
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let chunk = Array(png[(offset + 4)..<(offset + 8 + length)])
            let expected = UInt(be32(offset + 8 + length))
            let actual = chunk.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
            guard expected == actual else { throw Failure() }
            let data = Array(png[(offset + 8)..<(offset + 8 + length)])
            if type == "IHDR" {
                width = be32(offset + 8)
                height = be32(offset + 12)
                guard data[8] == 8, data[9] == 0 else { throw Failure() }
            }
            if type == "IDAT" { compressed += data }
            offset += 12 + length
        }
        var size = uLong((width + 1) * height)
        var raw = [UInt8](repeating: 0, count: Int(size))
        let status = uncompress(&raw, &size, compressed, uLong(compressed.count))
        guard status == Z_OK, Int(size) == (width + 1) * height else { throw Failure() }
        var pixels: [UInt8] = []
        for row in 0..<height {
            guard raw[row * (width + 1)] == 0 else { throw Failure() }
            pixels += raw[(row * (width + 1) + 1)..<((row + 1) * (width + 1))]
        }
        return (width, height, pixels)
    }
}
