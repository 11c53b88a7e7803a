import Foundation
import GuichetCore
import Vapor

extension Response {
    /// A PDF to download (a wallet document, an attachment, a receipt, a blank form):
    /// never cached unless the caller says otherwise.
    static func pdfDownload(_ data: Data, title: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        headers.replaceOrAdd(name: .contentDisposition, value: DownloadName.contentDisposition(title: title))
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
