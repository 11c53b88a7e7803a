import Vapor

extension Request {
    var pageContext: PageContext {
        PageContext(
            csrfToken: csrfToken,
            currentPath: url.path,
            isSignedIn: isSignedIn,
            showsDevelopmentTools: guichet.config.mode == .development,
            assets: assets
        )
    }

    /// Renders a page in the layout as an HTML response.
    func render(_ page: some PageView, status: HTTPResponseStatus = .ok) -> Response {
        Self.htmlResponse(Layout.render(page, context: pageContext), status: status)
    }

    static func htmlResponse(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "html", parameters: ["charset": "utf-8"])
        return Response(status: status, headers: headers, body: .init(string: html))
    }

    /// Post/redirect/get: a successful form post answers 303 See Other.
    func redirect(to url: SiteURL) -> Response {
        redirect(to: url.path, redirectType: .normal)
    }
}
