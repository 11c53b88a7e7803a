import Vapor

/// Security and cache headers on every response, error pages included.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// The paths of dossiers being filled, saved, resumed, transmitted or looked up.
    /// The organisations' space shows applicants' details on every page but its sign-in.
    static let personalPrefixes = ["/demarche/", "/demarches/", "/agents/"]

    static func mayShowPersonalData(_ request: Request) -> Bool {
        request.isSignedIn || request.session.holdsData || request.method != .GET
            || personalPrefixes.contains { request.url.path.hasPrefix($0) }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = response.headers
        var added = HTTPHeaders()
        added.add(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        added.add(name: "X-Content-Type-Options", value: "nosniff")
        added.add(name: "X-Frame-Options", value: "DENY")
        added.add(name: "Referrer-Policy", value: "same-origin")
        added.add(name: "Cross-Origin-Opener-Policy", value: "same-origin")
        added.add(name: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()")
        if request.guichet.config.usesHTTPS {
            added.add(name: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains")
        }
        // Pages are always revalidated, so nobody ever needs to "clear the cache" to
        // see the current version; a page that may show personal data is never stored
        // at all: signed in, a session holding a dossier, or a dossier page.
        if !headers.contains(name: .cacheControl) {
            added.add(name: .cacheControl, value: Self.mayShowPersonalData(request) ? "no-store" : "no-cache")
        }
        for (name, value) in added where !headers.contains(name: name) {
            response.headers.add(name: name, value: value)
        }
        return response
    }
}
