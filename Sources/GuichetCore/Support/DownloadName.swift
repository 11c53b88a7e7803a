import Foundation

/// How a downloaded PDF is named, for every front door.
public enum DownloadName {
    /// RFC 6266: an ASCII name for old clients and the exact UTF-8 title for the others.
    public static func contentDisposition(title: String) -> String {
        let ascii = Text.folded(title).map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let fallback = String(ascii).split(separator: "-").joined(separator: "-").prefix(60)
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        let encoded = (title + ".pdf").addingPercentEncoding(withAllowedCharacters: allowed) ?? "document.pdf"
        return "attachment; filename=\"\(fallback.isEmpty ? "document" : String(fallback)).pdf\"; filename*=UTF-8''\(encoded)"
    }
}
