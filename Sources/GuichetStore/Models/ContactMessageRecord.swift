import FluentKit
import Foundation

/// A question sent through *Poser votre question*.
public final class ContactMessageRecord: Model, @unchecked Sendable {
    public static let schema = "contact_messages"

    @ID(key: .id) public var id: UUID?
    @Field(key: "subject") public var subject: String
    @Field(key: "message") public var message: String
    @Field(key: "email") public var email: String
    @Field(key: "place") public var place: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
