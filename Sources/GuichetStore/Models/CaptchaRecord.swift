import FluentKit
import Foundation

/// A *code de sécurité* challenge, kept server-side until used or expired.
public final class CaptchaRecord: Model, @unchecked Sendable {
    public static let schema = "captchas"

    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "code") public var code: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}

    public init(id: String, code: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.code = code
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
