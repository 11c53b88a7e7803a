import Foundation
import GuichetAdapters
import GuichetCore
import GuichetTestSupport
import Testing

/// The QR codes of libqrencode, read back by a real reader (zbarimg).
@Suite struct QRCodeEncoderTests {
    @Test(arguments: ["otpauth://totp/Guichet:jeanne.martin?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Guichet&algorithm=SHA1&digits=6&period=30",
                      "é€ and bytes beyond ASCII", "x"])
    func whatIsEncodedIsReadBack(text: String) throws {
        let code = try #require(LibQRCodeEncoder().encode(text))
        #expect(code.modules.count == code.size * code.size && code.size >= 21 && (code.size - 17) % 4 == 0, "a QR version's size")
        #expect(try QRReader.read(svgPath: code.svgPath, side: code.size + 2 * QRMatrix.quietZone) == text)
    }

}
