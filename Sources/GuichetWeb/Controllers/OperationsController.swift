import Fluent
import Foundation
import GuichetOperations
import GuichetStore
import Vapor

/// Endpoints for operators and their tools.
enum OperationsController {
    struct Health: Content {
        let status: String
        let database: String
    }

    /// `/healthz`: 200 when the database answers, 503 otherwise (for load balancers).
    @Sendable static func health(req: Request) async throws -> Response {
        let reachable: Bool
        do {
            _ = try await req.db.sql.raw("SELECT 1 AS ok").first()
            reachable = true
        } catch {
            req.logger.warning("health check: database unreachable")
            reachable = false
        }
        let response = Response(status: reachable ? .ok : .serviceUnavailable)
        try response.content.encode(Health(status: reachable ? "ok" : "error", database: reachable ? "ok" : "unreachable"))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// `/metrics` in the Prometheus text format. With `METRICS_TOKEN` set it needs
    /// `Authorization: Bearer <token>`; in production without a token it is off.
    @Sendable static func metrics(req: Request) async throws -> Response {
        let config = req.guichet.config
        if let token = config.metricsToken {
            guard let sent = req.headers.bearerAuthorization?.token, TokenHash.constantTimeEquals(sent, token) else {
                throw Abort(.unauthorized)
            }
        } else if config.isProduction {
            throw WebError.notFound
        }
        req.guichet.metrics.outboxPending(try await OutboxQueue.pendingCount(on: req.db))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: req.guichet.metrics.exposition()))
    }
}
