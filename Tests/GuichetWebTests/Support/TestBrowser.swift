import Foundation
import NIOHTTP1
import Testing
import Vapor
import VaporTesting

/// A response as a test reads it: status, headers and the page's text.
struct Page {
    let status: HTTPResponseStatus
    let headers: HTTPHeaders
    let body: String

    var location: String? { headers.first(name: .location) }

    /// The value of a hidden or text input, by name.
    func inputValue(_ name: String) -> String? {
        firstMatch(#"<input[^>]*name="\#(NSRegularExpression.escapedPattern(for: name))"[^>]*>"#)
            .flatMap { tag in Page.attribute("value", in: tag) ?? "" }
    }

    var csrfToken: String? { inputValue("_csrf") }

    /// The error shown next to a field, without the hidden "Erreur : " prefix.
    func fieldError(_ field: String) -> String? {
        firstMatch(#"<p class="field__error" id="champ-\#(field)-erreur"><span class="sr-only">Erreur : </span>(.*?)</p>"#, group: 1)
            .map(Page.unescape)
    }

    /// The messages of the error summary, in order.
    var summaryErrors: [String] {
        guard let summary = firstMatch(#"<div class="error-summary".*?</ul>"#) else { return [] }
        return Page.matches(##"<li><a href="#[^"]+">(.*?)</a></li>"##, in: summary).map(Page.unescape)
    }

    /// The text of the `<h1>`.
    var heading: String? { firstMatch(#"<h1[^>]*>(.*?)</h1>"#, group: 1).map(Page.unescape) }

    var title: String? { firstMatch(#"<title>(.*?)</title>"#, group: 1).map(Page.unescape) }

    /// Whether the page holds the text, as markup or as the words a reader sees.
    func contains(_ text: String) -> Bool {
        body.contains(text) || Page.unescape(body).contains(text) || visibleText.contains(text)
    }

    /// The page's words without tags.
    var visibleText: String {
        Page.unescape(body.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
    }

    func firstMatch(_ pattern: String, group: Int = 0) -> String? {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(body.startIndex..., in: body)
        guard let match = regex.firstMatch(in: body, range: range), let found = Range(match.range(at: group), in: body) else {
            return nil
        }
        return String(body[found])
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        matches(#"\#(name)="([^"]*)""#, in: tag).first.map(unescape)
    }

    static func unescape(_ html: String) -> String {
        html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// Drives the application like a browser: keeps cookies, sends the form token.
final class TestBrowser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    var extraHeaders = HTTPHeaders()

    init(app: Application) {
        self.app = app
    }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> Page {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts form fields; the CSRF token of the last page is added unless `csrf` says otherwise.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: String? = nil, includeCSRF: Bool = true,
              headers: HTTPHeaders = [:]) async throws -> Page {
        var all = fields
        if includeCSRF { all.insert(("_csrf", csrf ?? cookies["guichet-csrf"] ?? ""), at: 0) }
        var headers = headers
        headers.replaceOrAdd(name: .contentType, value: "application/x-www-form-urlencoded")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: Self.encode(all)))
    }

    /// Posts a `multipart/form-data` body (file uploads); the form token goes in the query
    /// string, as the portal's upload forms do.
    @discardableResult
    func postMultipart(_ path: String, fields: [(String, String)] = [], files: [(field: String, filename: String, data: Data)],
                       includeCSRF: Bool = true) async throws -> Page {
        let boundary = "----guichet-test-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.data
            body += Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        let target = includeCSRF ? path + "?_csrf=" + (cookies["guichet-csrf"] ?? "") : path
        return try await send(.POST, target, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
                              body: ByteBuffer(data: body))
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer?) async throws -> Page {
        var allHeaders = extraHeaders
        for (name, value) in headers { allHeaders.replaceOrAdd(name: name, value: value) }
        if !cookies.isEmpty {
            allHeaders.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: allHeaders, body: body)
        for value in response.headers[.setCookie] {
            let pair = value.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]), cookieValue = String(pair[1])
            if cookieValue.isEmpty || value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = cookieValue }
        }
        return Page(status: response.status, headers: response.headers, body: response.body.string)
    }

    /// A download: the response's status, headers and raw bytes.
    func download(_ path: String) async throws -> (status: HTTPResponseStatus, headers: HTTPHeaders, data: Data) {
        var headers = extraHeaders
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(.GET, path, headers: headers)
        return (response.status, response.headers, Data(response.body.readableBytesView))
    }

    func setCookie(_ name: String, _ value: String?) {
        cookies[name] = value
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}
