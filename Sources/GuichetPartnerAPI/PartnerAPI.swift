import Fluent
import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// The partner API (SPEC §6): JSON under `/api/v1` for the organisations' back offices.
/// It never renders HTML and shares no session or cookie with the site: the
/// composition root sends every request under `prefix` through `middleware()` instead
/// of the site's.
public enum PartnerAPI {
    public static let prefix = "/api/v1"

    /// Whether a request path belongs to the API: everything under `/api/` (never an
    /// HTML page there), while `/api` itself is the site's documentation page.
    public static func handles(_ path: String) -> Bool {
        path.hasPrefix("/api/")
    }

    /// The API's own middleware, in order: its headers, then errors as problems.
    public static func middleware() -> [any Middleware] {
        [APIHeadersMiddleware(), ProblemMiddleware()]
    }

    /// Registers the routes; `guichet` is the portal the composition root built.
    public static func install(on app: Application, guichet: Guichet) throws {
        app.partnerAPI = State(guichet: guichet, openAPI: try OpenAPIDocument.bundled())
        routes(app)
    }

    struct State: Sendable {
        let guichet: Guichet
        let openAPI: OpenAPIDocument
    }

    static func routes(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.get("openapi.json", use: OpenAPIController.document)
        let keyed = api.grouped(BearerAuthMiddleware())
        keyed.get("dossiers", use: DossiersController.list)
        keyed.get("dossiers", ":reference", use: DossiersController.show)
        keyed.get("dossiers", ":reference", "attachments", ":attachment", use: DossiersController.attachment)
        keyed.get("dossiers", ":reference", "receipt", use: DossiersController.receipt)
        keyed.post("dossiers", ":reference", "acknowledge", use: DossiersController.acknowledge)
        keyed.post("dossiers", ":reference", "status", use: DossiersController.status)
        keyed.get("events", use: EventsController.list)
        keyed.get("account-links", use: AccountLinksController.list)
        keyed.delete("account-links", ":link", use: AccountLinksController.delete)
    }

    /// The paths the API's documents link to.
    enum Paths {
        static func dossier(_ reference: String) -> String { "\(prefix)/dossiers/\(reference)" }
        static func attachment(_ reference: String, _ id: UUID) -> String { "\(dossier(reference))/attachments/\(id.uuidString.lowercased())" }
        static func receipt(_ reference: String) -> String { "\(dossier(reference))/receipt" }
    }
}

extension Application {
    private struct PartnerAPIKey: StorageKey { typealias Value = PartnerAPI.State }

    var partnerAPI: PartnerAPI.State {
        get {
            guard let value = storage[PartnerAPIKey.self] else { fatalError("PartnerAPI.install(on:) has not run") }
            return value
        }
        set { storage[PartnerAPIKey.self] = newValue }
    }
}

extension Request {
    var portal: Guichet { application.partnerAPI.guichet }

    /// The context operations run in for this request.
    var operations: OperationContext {
        OperationContext(guichet: portal, db: db, clientAddress: clientAddress)
    }

    /// As the site reads it: behind `TRUST_PROXY_HOPS` proxies, the entry they vouch for.
    var clientAddress: String {
        ClientAddress.resolve(peer: peerAddress?.ipAddress ?? remoteAddress?.ipAddress,
                              forwardedFor: headers[.xForwardedFor], trustedHops: portal.config.trustedProxyHops)
    }
}
