import Foundation
@testable import GuichetPDF
import GuichetTestSupport
import Testing
import GuichetCore

@Suite struct FormatDetectionTests {
    @Test func formatComesFromTheContent() throws {
        #expect(try DocumentFormat.detect(Array("%PDF-1.7\n".utf8)) == .pdf)
        #expect(try DocumentFormat.detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == .png)
        #expect(try DocumentFormat.detect(Array("GIF89a".utf8)) == .gif)
        #expect(try DocumentFormat.detect([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(throws: DocumentError.empty) { try DocumentFormat.detect([UInt8]()) }
        #expect(throws: DocumentError.unsupportedFormat) { try DocumentFormat.detect(Array("PK\u{3}\u{4}".utf8)) }
        #expect(throws: DocumentError.unsupportedFormat) { try DocumentFormat.detect(Array(" %PDF-1.7".utf8)) }
    }

    @Test func sizesAreWrittenTheFrenchWay() {
        #expect(ByteSize.french(512) == "512 octets")
        #expect(ByteSize.french(12_400) == "12 ko")
        #expect(ByteSize.french(2_450_000) == "2,5 Mo")
        #expect(ByteSize.french(10_000_000) == "10 Mo")
    }
}

@Suite struct PageLayoutTests {
    @Test func scanAt300DPIFillsA4Exactly() {
        let layout = PageLayout.place(pixelWidth: 2480, pixelHeight: 3508, dpi: 300)
        #expect(abs(layout.pageWidth - 595.28) < 0.5 && abs(layout.pageHeight - 841.89) < 0.5)
        #expect(abs(layout.width - 595.2) < 0.5 && abs(layout.height - 841.9) < 0.5)
    }

    @Test func landscapeImagesGetALandscapePage() {
        let layout = PageLayout.place(pixelWidth: 4000, pixelHeight: 3000, dpi: nil)
        #expect(layout.pageWidth > layout.pageHeight)
        #expect(layout.width <= layout.pageWidth && layout.height <= layout.pageHeight)
        #expect(abs(layout.width / layout.height - 4.0 / 3.0) < 0.001, "aspect kept")
    }

    @Test func smallImagesAreNotEnlargedAndAreCentred() {
        let layout = PageLayout.place(pixelWidth: 96, pixelHeight: 96, dpi: nil)
        #expect(layout.width == 72 && layout.height == 72)
        #expect(abs(layout.x - (595.28 - 72) / 2) < 0.01)
    }

    @Test func largeScanWithItsOwnDPIKeepsItsSize() {
        // An A3 scan at 300 dpi stays A3.
        let layout = PageLayout.place(pixelWidth: 3508, pixelHeight: 4961, dpi: 300)
        #expect(abs(layout.pageWidth - 841.9) < 0.5 && abs(layout.pageHeight - 1190.6) < 0.5)
        #expect(layout.x == 0 && layout.width == layout.pageWidth)
    }

    @Test func softwareDefaultDPIIsNotTakenForAScanner() {
        let layout = PageLayout.place(pixelWidth: 4000, pixelHeight: 3000, dpi: 72)
        #expect(abs(layout.pageWidth - 841.89) < 0.01, "an A4 page, not a 55-inch one")
    }
}

@Suite struct PDFWriterTests {
    @Test func numbersAndHexAreWrittenAsPDFExpects() {
        #expect(PDFWriter.number(595.275) == "595.28")
        #expect(PDFWriter.number(72) == "72")
        #expect(PDFWriter.hex([0, 255, 16]) == "00FF10")
    }
}

/// Random damage to valid files: the parsers answer with a `DocumentError` or a
/// PDF, never a crash, a hang or an unbounded allocation.
@Suite struct MutationTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: ["jpeg-rgb.jpg", "jpeg-progressive.jpg", "png-rgb8.png", "png-rgba.png", "png-rgb-interlaced.png",
                      "png-palette-transparent.png", "gif-palette.gif", "gif-interlaced.gif", "gif-animated.gif"])
    func mutatedImagesNeverCrashTheParsers(_ name: String) async throws {
        let corpus = try await Corpus.shared.value
        let original = Array(try Data(contentsOf: corpus.url(name)))
        let format = try DocumentFormat.detect(original)
        var random = Generator(state: UInt64(abs(name.hashValue)))
        var outcomes = (converted: 0, refused: 0)
        for _ in 0..<250 {
            var data = original
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                for _ in 0..<Int.random(in: 1...8, using: &random) {
                    data[Int.random(in: 0..<data.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            case 1:
                data = Array(data.prefix(Int.random(in: 0..<data.count, using: &random)))
            case 2:
                let at = Int.random(in: 0..<data.count, using: &random)
                data.insert(contentsOf: (0..<Int.random(in: 1...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
            default:
                // Lengths and dimensions live in the first bytes: hit them harder.
                for _ in 0..<4 { data[Int.random(in: 0..<min(64, data.count), using: &random)] = UInt8.random(in: 0...255, using: &random) }
            }
            do {
                let pdf = try ImagePDF.make(data, format: format)
                #expect(pdf.bytes.starts(with: Array("%PDF-".utf8)))
                outcomes.converted += 1
            } catch {
                #expect(!error.message.isEmpty)
                outcomes.refused += 1
            }
        }
        #expect(outcomes.refused > 0, "damage was noticed at least sometimes")
    }
}
