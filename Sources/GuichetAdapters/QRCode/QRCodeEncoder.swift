import CQRencode
import GuichetCore

/// QR codes made by libqrencode (error correction level M, the smallest version that
/// holds the text).
public struct LibQRCodeEncoder: QRCodeEncoding {
    public init() {}

    public func encode(_ text: String) -> QRMatrix? {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard let data = code.pointee.data else { return nil }
        // Bit 0 of each byte is the module's colour; the others are libqrencode's notes.
        return QRMatrix(size: width, modules: (0..<width * width).map { data[$0] & 1 == 1 })
    }
}
