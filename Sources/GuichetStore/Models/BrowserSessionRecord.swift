import FluentKit
import Foundation
import GuichetCore

/// A browser session. The primary key is the SHA-256 of the cookie's token, so a
/// leaked database never yields a usable cookie.
public final class BrowserSessionRecord: Model, @unchecked Sendable {
    public static let schema = "browser_sessions"

    @ID(custom: "id", generatedBy: .user) public var id: String?
    @OptionalField(key: "user_id") public var userID: UUID?
    /// `site` (citizens) or `agents` (the organisations' inbox): a token is only ever
    /// looked up in its own realm, so one kind of session never opens the other.
    @Field(key: "realm") public var realm: String
    @OptionalField(key: "agent_id") public var agentID: UUID?
    /// The session's small key/value store, as JSON.
    @Field(key: "data") public var data: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "last_seen_at") public var lastSeenAt: Date

    public init() {}

    /// The account or the agent the session is signed in as.
    public func principal(in realm: SessionRealm) -> UUID? {
        switch realm {
        case .site: userID
        case .agents: agentID
        }
    }

    public init(tokenHash: String, realm: SessionRealm, principal: UUID?, data: String, now: Date) {
        self.id = tokenHash
        self.realm = realm.rawValue
        switch realm {
        case .site: userID = principal
        case .agents: agentID = principal
        }
        self.data = data
        self.createdAt = now
        self.lastSeenAt = now
    }

    /// A citizens' session.
    public convenience init(tokenHash: String, userID: UUID?, data: String, now: Date) {
        self.init(tokenHash: tokenHash, realm: .site, principal: userID, data: data, now: now)
    }
}
