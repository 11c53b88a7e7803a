import Foundation

/// A mailbox: an address with an optional display name.
public struct Mailbox: Sendable, Hashable, Codable {
    public let name: String?
    public let address: String

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }
}

/// A fully rendered email, as queued in the outbox and delivered later.
public struct EmailMessage: Sendable, Equatable, Codable {
    public var from: Mailbox
    public var to: Mailbox
    public var replyTo: Mailbox?
    public var subject: String
    public var text: String
    public var html: String?
    public var date: Date
    public var messageID: String

    public init(from: Mailbox, to: Mailbox, replyTo: Mailbox? = nil, subject: String,
                text: String, html: String? = nil, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.messageID = messageID
    }
}

/// A text message to a mobile phone.
public struct SMSMessage: Sendable, Equatable, Codable {
    public var to: String
    public var text: String

    public init(to: String, text: String) {
        self.to = to
        self.text = text
    }
}
