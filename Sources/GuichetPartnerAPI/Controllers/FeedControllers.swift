import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// `GET /api/v1/events`: the caller's event feed.
enum EventsController {
    @Sendable static func list(req: Request) async throws -> Response {
        let caller = try req.caller
        var query = QueryParameters(req)
        let after = query.integer("after", default: 0, range: 0...Int(Int64.max))
        let limit = query.integer("limit", default: 50, range: 1...PartnerEventFeed.maximumPageSize)
        try query.check()
        let page = try await PartnerEventFeed.events(organisationKey: caller.organisationKey, after: after, limit: limit, in: req.operations)
        return JSONBody.response(FeedDocuments.Events(events: page.events, nextAfter: page.nextAfter))
    }
}

/// `/api/v1/account-links`: the links the caller's organisation holds.
enum AccountLinksController {
    @Sendable static func list(req: Request) async throws -> Response {
        let caller = try req.caller
        var query = QueryParameters(req)
        let limit = query.integer("limit", default: 50, range: 1...PartnerDossiers.maximumPageSize)
        let cursor = try query.cursor("cursor")
        try query.check()
        let page = try await AccountLinking.page(organisationKey: caller.organisationKey, after: cursor, limit: limit, in: req.operations)
        return JSONBody.response(FeedDocuments.AccountLinks(
            accountLinks: page.items.map { FeedDocuments.AccountLink(id: $0.id.uuidString.lowercased(), partnerReference: $0.partnerReference,
                                                                      linkedAt: $0.linkedAt) },
            nextCursor: page.next.map(Cursor.encode)))
    }

    @Sendable static func delete(req: Request) async throws -> Response {
        let caller = try req.writingCaller
        guard let id = req.parameters.get("link").flatMap(UUID.init(uuidString:)) else { throw ProblemError.notFound }
        try await AccountLinking.delete(id, organisationKey: caller.organisationKey, actor: caller.actor, in: req.operations)
        return Response(status: .noContent)
    }
}

/// `GET /api/v1/openapi.json`: the description of every route above (no key needed).
enum OpenAPIController {
    @Sendable static func document(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(data: req.application.partnerAPI.openAPI.data))
        response.headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        return response
    }
}

/// The bundled `openapi.json`, read once.
struct OpenAPIDocument: Sendable {
    let data: Data

    static func bundled() throws -> OpenAPIDocument {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") else {
            throw ProblemError.notFound
        }
        return OpenAPIDocument(data: try Data(contentsOf: url))
    }
}
