import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// *Annuaire de l'administration* (SPEC §8): the search, and a page per body.
enum DirectoryController {
    @Sendable static func search(req: Request) async throws -> Response {
        let parameters = (try? req.query.decode([String: String].self)) ?? [:]
        // Kept whole for the message; the query itself is cut and cleaned by the domain.
        let typed = parameters["q"] ?? ""
        guard parameters["q"] != nil else {
            return req.render(DirectorySearchPage(typed: "", outcome: nil, now: req.operations.now))
        }
        let outcome = try await DirectorySearch.search(typed, page: parameters["page"], in: req.operations)
        return req.render(DirectorySearchPage(typed: String(typed.prefix(DirectoryQuery.maximumLength + 100)), outcome: outcome,
                                              now: req.operations.now))
    }

    @Sendable static func body(req: Request) async throws -> Response {
        guard let id = req.parameters.get("body") else { throw WebError.notFound }
        let body: PublicBody
        do {
            body = try await DirectorySearch.body(id, in: req.operations)
        } catch OperationError.notFound {
            throw WebError.notFound
        }
        return req.render(PublicBodyPage(body: body, now: req.operations.now))
    }
}
