import GuichetPartnerAPI
import Vapor

/// Sends each request through its front door's middleware: the partner API's (problem
/// documents, no session, no CSRF cookie) under `/api/`, the site's everywhere else.
/// Both share the request log, which sits in front of this.
struct FrontDoorMiddleware: AsyncMiddleware {
    let api: [any Middleware]
    let site: [any Middleware]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let chain = PartnerAPI.handles(request.url.path) ? api : site
        return try await chain.makeResponder(chainingTo: next).respond(to: request).get()
    }
}
