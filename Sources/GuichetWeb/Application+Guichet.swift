import Fluent
import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// What the citizen site needs at run time: the portal the composition root built, and
/// the site's own static files.
public struct WebSite: Sendable {
    public let guichet: Guichet
    public let assets: AssetCatalog

    public init(guichet: Guichet, assets: AssetCatalog) {
        self.guichet = guichet
        self.assets = assets
    }
}

extension Application {
    private struct WebSiteKey: StorageKey { typealias Value = WebSite }

    /// The site, installed by `WebSite.install(on:)`.
    public var webSite: WebSite {
        get {
            guard let value = storage[WebSiteKey.self] else { fatalError("WebSite.install(on:) has not run") }
            return value
        }
        set { storage[WebSiteKey.self] = newValue }
    }

    /// The portal the site serves (tests swap its services).
    public var guichet: Guichet {
        get { webSite.guichet }
        set { webSite = WebSite(guichet: newValue, assets: webSite.assets) }
    }
}

extension Request {
    public var guichet: Guichet { application.guichet }
    var assets: AssetCatalog { application.webSite.assets }
    /// The current time from the injected clock.
    public var now: Date { application.guichet.services.clock.now() }

    /// The context operations run in for this request: its database handle and client address.
    public var operations: OperationContext {
        OperationContext(guichet: guichet, db: db, clientAddress: clientAddress)
    }
}
