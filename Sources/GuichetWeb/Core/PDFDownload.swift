import Foundation
import GuichetCore
import Vapor

extension Response {
    /// A PDF to download (a wallet document, an attachment, a receipt, a blank form):
    /// never cached unless the caller says otherwise.
    static func pdfDownload(_ data: Data, title: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        headers.replaceOrAdd(name: .contentDisposition, value: contentDisposition(title: title))
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// RFC 6266: an ASCII name for old clients and the exact UTF-8 title for the others.
    static func contentDisposition(title: String) -> String {
        let ascii = Text.folded(title).map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let fallback = String(ascii).split(separator: "-").joined(separator: "-").prefix(60)
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        let encoded = (title + ".pdf").addingPercentEncoding(withAllowedCharacters: allowed) ?? "document.pdf"
        return "attachment; filename=\"\(fallback.isEmpty ? "document" : String(fallback)).pdf\"; filename*=UTF-8''\(encoded)"
    }
}
