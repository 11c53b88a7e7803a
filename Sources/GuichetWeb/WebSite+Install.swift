import Foundation
import GuichetCore
import GuichetOperations
import Vapor

extension WebSite {
    /// Installs the citizen site on an application: its state and every route of
    /// `SiteURL`. The composition root puts `middleware()` in front of them.
    public static func install(on app: Application, guichet: Guichet) throws {
        app.webSite = WebSite(guichet: guichet, assets: try AssetCatalog.bundled())
        app.routes.defaultMaxBodySize = "64kb"
        app.routes.caseInsensitive = false
        routes(app)
    }

    /// The site's middleware, in order: security headers apply to error pages too;
    /// errors become pages before the session is saved; forms are checked for CSRF.
    public static func middleware() -> [any Middleware] {
        [SecurityHeadersMiddleware(), ErrorPageMiddleware(), SessionMiddleware(), CSRFMiddleware()]
    }
}
