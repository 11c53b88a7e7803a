import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// Loads the session named by the cookie before the request and writes changes back
/// after it. Sessions live in the database, so any instance can serve any request.
struct SessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let cookieName = CookieNames.session(https: request.guichet.config.usesHTTPS)
        let now = request.now
        var state = SessionBox.State()
        if let token = request.cookies[cookieName]?.string, !token.isEmpty, token.count <= 128 {
            let hash = TokenHash.sha256(token)
            if let record = try await BrowserSessions.find(tokenHash: hash, on: request.db) {
                if SessionPolicy.isExpired(createdAt: record.createdAt, lastSeenAt: record.lastSeenAt, now: now) {
                    try await BrowserSessions.delete(tokenHash: hash, on: request.db)
                    state.expired = true
                } else {
                    state.tokenHash = hash
                    state.data = (try? JSONDecoder().decode([String: String].self, from: Data(record.data.utf8))) ?? [:]
                    state.userID = record.userID
                    state.createdAt = record.createdAt
                    state.lastSeenAt = record.lastSeenAt
                }
            } else {
                state.expired = true
            }
        }
        let box = SessionBox(state)
        request.setSession(box)

        let response = try await next.respond(to: request)
        try await persist(box.state.withLockedValue { $0 }, request: request, response: response,
                          cookieName: cookieName, now: now)
        return response
    }

    private func persist(_ state: SessionBox.State, request: Request, response: Response,
                         cookieName: String, now: Date) async throws {
        let db = request.db
        if state.destroy {
            if let hash = state.tokenHash { try await BrowserSessions.delete(tokenHash: hash, on: db) }
            response.cookies[cookieName] = .expired(cookieName, https: request.guichet.config.usesHTTPS)
            return
        }
        let data = String(decoding: try JSONEncoder().encode(state.data), as: UTF8.self)
        let hasContent = !state.data.isEmpty || state.userID != nil
        if let hash = state.tokenHash, !state.rotate {
            if state.isDirty {
                try await BrowserSessions.update(tokenHash: hash, data: data, userID: state.userID, lastSeenAt: now, on: db)
            } else if let lastSeen = state.lastSeenAt, SessionPolicy.needsTouch(lastSeenAt: lastSeen, now: now) {
                try await BrowserSessions.touch(tokenHash: hash, lastSeenAt: now, on: db)
            }
            return
        }
        guard hasContent else { return }
        if let old = state.tokenHash { try await BrowserSessions.delete(tokenHash: old, on: db) }
        let token = SecureToken.generate()
        // A new or rotated (signed-in) session starts its 12-hour clock now.
        let record = BrowserSessionRecord(tokenHash: TokenHash.sha256(token), userID: state.userID, data: data, now: now)
        try await BrowserSessions.insert(record, on: db)
        response.cookies[cookieName] = .session(cookieName, token, https: request.guichet.config.usesHTTPS)
    }
}

/// Cookie names: on https the `__Host-` prefix makes the browser refuse any cookie of
/// that name set by a subdomain or without `Secure`.
enum CookieNames {
    static func session(https: Bool) -> String { https ? "__Host-guichet-session" : "guichet-session" }
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
