import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Browser sessions kept server-side (SPEC §1): the cookie holds a random token, the
/// database its hash, so any instance can serve any request and a copy of the database
/// yields no usable cookie.
public enum BrowserSessionStore {
    /// A live session as found from its cookie.
    public struct Loaded: Sendable, Equatable {
        public let tokenHash: String
        public let data: [String: String]
        public let userID: UUID?
        public let createdAt: Date
        public let lastSeenAt: Date
    }

    public enum Lookup: Sendable, Equatable {
        case live(Loaded)
        /// The cookie named a session that timed out (now deleted) or never existed.
        case expired
    }

    public static func load(token: String, realm: SessionRealm = .site, in context: OperationContext) async throws -> Lookup {
        let hash = TokenHash.sha256(token)
        guard let record = try await BrowserSessions.find(tokenHash: hash, realm: realm, on: context.db) else { return .expired }
        if SessionPolicy.isExpired(createdAt: record.createdAt, lastSeenAt: record.lastSeenAt, now: context.now) {
            try await BrowserSessions.delete(tokenHash: hash, on: context.db)
            return .expired
        }
        let data = (try? JSONDecoder().decode([String: String].self, from: Data(record.data.utf8))) ?? [:]
        return .live(Loaded(tokenHash: hash, data: data, userID: record.principal(in: realm), createdAt: record.createdAt, lastSeenAt: record.lastSeenAt))
    }

    /// A new session (first use, or a sign-in's rotation, which deletes `replacing`);
    /// returns the token for the cookie. Its 12-hour clock starts now.
    public static func create(data: [String: String], userID: UUID?, realm: SessionRealm = .site, replacing old: String?,
                              in context: OperationContext) async throws -> String {
        if let old { try await BrowserSessions.delete(tokenHash: old, on: context.db) }
        let token = SecureToken.generate()
        let record = BrowserSessionRecord(tokenHash: TokenHash.sha256(token), realm: realm, principal: userID, data: try encode(data),
                                          now: context.now)
        try await BrowserSessions.insert(record, on: context.db)
        return token
    }

    public static func update(_ tokenHash: String, data: [String: String], userID: UUID?, realm: SessionRealm = .site,
                              in context: OperationContext) async throws {
        try await BrowserSessions.update(tokenHash: tokenHash, realm: realm, data: try encode(data), principal: userID, lastSeenAt: context.now,
                                         on: context.db)
    }

    /// Marks the session as seen now (not on every request: see `SessionPolicy.needsTouch`).
    public static func touch(_ tokenHash: String, in context: OperationContext) async throws {
        try await BrowserSessions.touch(tokenHash: tokenHash, lastSeenAt: context.now, on: context.db)
    }

    public static func delete(_ tokenHash: String, in context: OperationContext) async throws {
        try await BrowserSessions.delete(tokenHash: tokenHash, on: context.db)
    }

    private static func encode(_ data: [String: String]) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }
}
