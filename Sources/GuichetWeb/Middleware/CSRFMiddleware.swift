import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// Cross-site request forgery protection for every form post (double-submit token).
///
/// Each browser gets a random token in an HttpOnly, SameSite=Lax cookie; every form
/// embeds the same token in a hidden `_csrf` field (or, for file uploads whose body is
/// streamed, in the action's query string). A state-changing request whose token does
/// not match is refused before any handler runs. (The partner API authenticates with
/// bearer keys, not cookies: its requests never pass through here.)
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let https = request.guichet.config.usesHTTPS
        let cookieName = CookieNames.csrf(https: https)
        let existing = request.cookies[cookieName].map(\.string).flatMap { $0.count == 43 ? $0 : nil }
        let token = existing ?? SecureToken.generate()
        request.storage[CSRFTokenKey.self] = token

        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            guard let expected = existing, let sent = try await submittedToken(request),
                  TokenHash.constantTimeEquals(sent, expected) else {
                throw WebError.csrfRejected
            }
        }

        let response = try await next.respond(to: request)
        if existing == nil || request.storage[CSRFRotatedKey.self] == true {
            response.cookies[cookieName] = .session(cookieName, request.csrfToken, https: https)
        }
        return response
    }

    private func submittedToken(_ request: Request) async throws -> String? {
        if let header = request.headers.first(name: "X-CSRF-Token") { return header }
        if let query = try? request.query.get(String.self, at: Self.fieldName) { return query }
        guard request.headers.contentType?.subType == "x-www-form-urlencoded" else { return nil }
        let limit = request.application.routes.defaultMaxBodySize.value
        if let collected = request.body.data {
            // Already buffered upstream: the form limit still applies.
            guard collected.readableBytes <= limit else { throw Abort(.payloadTooLarge) }
        } else {
            _ = try await request.body.collect(max: limit).get()
        }
        guard let form = try? request.formBody() else { return nil }
        let value = form[Self.fieldName]
        return value.isEmpty ? nil : value
    }
}

private struct CSRFTokenKey: StorageKey { typealias Value = String }
private struct CSRFRotatedKey: StorageKey { typealias Value = Bool }

extension Request {
    /// The token forms must carry in their hidden `_csrf` field.
    public var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }

    /// A new token after sign-in, so a token seen before authentication is worthless after.
    public func rotateCSRFToken() {
        storage[CSRFTokenKey.self] = SecureToken.generate()
        storage[CSRFRotatedKey.self] = true
    }
}
