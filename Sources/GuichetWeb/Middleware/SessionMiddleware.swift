import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// Loads the session named by the cookie before the request and writes changes back
/// after it. Sessions live in the database, so any instance can serve any request. The
/// citizens' site and the organisations' space each have their own (`realm`): their
/// own cookie, and tokens looked up in their own realm only.
struct SessionMiddleware: AsyncMiddleware {
    var realm: SessionRealm = .site

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let cookieName = CookieNames.session(https: request.guichet.config.usesHTTPS, realm: realm)
        var state = SessionBox.State()
        if let token = request.cookies[cookieName]?.string, !token.isEmpty, token.count <= 128 {
            switch try await BrowserSessionStore.load(token: token, realm: realm, in: request.operations) {
            case .live(let loaded):
                state.tokenHash = loaded.tokenHash
                state.data = loaded.data
                state.userID = loaded.userID
                state.createdAt = loaded.createdAt
                state.lastSeenAt = loaded.lastSeenAt
            case .expired:
                state.expired = true
            }
        }
        let box = SessionBox(state)
        switch realm {
        case .site: request.setSession(box)
        case .agents: request.setAgentSession(box)
        }

        let response = try await next.respond(to: request)
        try await persist(box.state.withLockedValue { $0 }, request: request, response: response, cookieName: cookieName)
        return response
    }

    private func persist(_ state: SessionBox.State, request: Request, response: Response, cookieName: String) async throws {
        let context = request.operations
        if state.destroy {
            if let hash = state.tokenHash { try await BrowserSessionStore.delete(hash, in: context) }
            response.cookies[cookieName] = .expired(cookieName, https: request.guichet.config.usesHTTPS)
            return
        }
        let hasContent = !state.data.isEmpty || state.userID != nil
        if let hash = state.tokenHash, !state.rotate {
            if state.isDirty {
                try await BrowserSessionStore.update(hash, data: state.data, userID: state.userID, realm: realm, in: context)
            } else if let lastSeen = state.lastSeenAt, SessionPolicy.needsTouch(lastSeenAt: lastSeen, now: context.now) {
                try await BrowserSessionStore.touch(hash, in: context)
            }
            return
        }
        guard hasContent else { return }
        // A new or rotated (signed-in) session gets a new token.
        let token = try await BrowserSessionStore.create(data: state.data, userID: state.userID, realm: realm, replacing: state.tokenHash,
                                                         in: context)
        response.cookies[cookieName] = .session(cookieName, token, https: request.guichet.config.usesHTTPS)
    }
}

/// Cookie names: on https the `__Host-` prefix makes the browser refuse any cookie of
/// that name set by a subdomain or without `Secure`.
enum CookieNames {
    static func session(https: Bool, realm: SessionRealm = .site) -> String {
        switch realm {
        case .site: https ? "__Host-guichet-session" : "guichet-session"
        case .agents: https ? "__Host-guichet-agent" : "guichet-agent"
        }
    }
    static func csrf(https: Bool) -> String { https ? "__Host-guichet-csrf" : "guichet-csrf" }
}

extension HTTPCookies.Value {
    static func session(_ name: String, _ value: String, https: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: nil, maxAge: nil, domain: nil, path: "/",
                          isSecure: https, isHTTPOnly: true, sameSite: .lax)
    }

    static func expired(_ name: String, https: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/",
                          isSecure: https, isHTTPOnly: true, sameSite: .lax)
    }
}
