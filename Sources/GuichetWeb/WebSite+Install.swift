import Foundation
import GuichetCore
import GuichetOperations
import Vapor

extension WebSite {
    /// Installs the citizen site on an application: its middleware, in order, and
    /// every route of `SiteURL`.
    public static func install(on app: Application, guichet: Guichet) throws {
        app.webSite = WebSite(guichet: guichet, assets: try AssetCatalog.bundled())
        // Order matters: logging sees the final status; security headers apply to error
        // pages too; errors become pages before the session is saved.
        app.middleware = Middlewares()
        app.middleware.use(RequestLogMiddleware())
        app.middleware.use(SecurityHeadersMiddleware())
        app.middleware.use(ErrorPageMiddleware())
        app.middleware.use(SessionMiddleware())
        app.middleware.use(CSRFMiddleware())
        app.routes.defaultMaxBodySize = "64kb"
        app.routes.caseInsensitive = false
        routes(app)
    }
}
