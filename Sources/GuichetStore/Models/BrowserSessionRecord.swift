import FluentKit
import Foundation

/// A browser session. The primary key is the SHA-256 of the cookie's token, so a
/// leaked database never yields a usable cookie.
public final class BrowserSessionRecord: Model, @unchecked Sendable {
    public static let schema = "browser_sessions"

    @ID(custom: "id", generatedBy: .user) public var id: String?
    @OptionalField(key: "user_id") public var userID: UUID?
    /// The session's small key/value store, as JSON.
    @Field(key: "data") public var data: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "last_seen_at") public var lastSeenAt: Date

    public init() {}

    public init(tokenHash: String, userID: UUID?, data: String, now: Date) {
        self.id = tokenHash
        self.userID = userID
        self.data = data
        self.createdAt = now
        self.lastSeenAt = now
    }
}
