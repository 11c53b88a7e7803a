import Foundation
import GuichetCore
import GuichetStore

/// What goes into the outbox is sealed under `SECRET_KEY` (reset links, activation
/// links, codes, the password of a draft saved without an account): a copy of the
/// database alone does not give them away. Only the worker opens them, to deliver.
public enum Outbox {
    public enum Content: Sendable, Equatable {
        case email(EmailMessage)
        case sms(SMSMessage)
    }

    public static func envelope(_ email: EmailMessage, sealer: any SecretSealing) throws -> OutboxQueue.Envelope {
        let id = UUID()
        return OutboxQueue.Envelope(id: id, channel: .email, recipient: email.to.address, summary: email.subject,
                                    payload: try sealer.seal(String(decoding: try JSONEncoder().encode(email), as: UTF8.self), account: id))
    }

    public static func envelope(_ sms: SMSMessage, sealer: any SecretSealing) throws -> OutboxQueue.Envelope {
        let id = UUID()
        return OutboxQueue.Envelope(id: id, channel: .sms, recipient: sms.to, summary: "SMS",
                                    payload: try sealer.seal(String(decoding: try JSONEncoder().encode(sms), as: UTF8.self), account: id))
    }

    /// The message of a stored payload; nil when it cannot be opened (`SECRET_KEY` changed).
    /// Payloads queued before sealing existed are read as they are.
    public static func open(id: UUID, channel: OutboxRecord.Channel, payload: String, sealer: any SecretSealing) -> Content? {
        guard let json = sealer.open(payload, account: id) else { return nil }
        let data = Data(json.utf8)
        switch channel {
        case .email: return (try? JSONDecoder().decode(EmailMessage.self, from: data)).map(Content.email)
        case .sms: return (try? JSONDecoder().decode(SMSMessage.self, from: data)).map(Content.sms)
        }
    }
}

extension Mailer {
    /// A composed email, sealed for the outbox.
    public func envelope(_ template: some MailTemplate, to recipient: Mailbox, replyTo: Mailbox? = nil) throws -> OutboxQueue.Envelope {
        guard let sealer else { throw MissingSealer() }
        return try Outbox.envelope(compose(template, to: recipient, replyTo: replyTo), sealer: sealer)
    }

    struct MissingSealer: Error {}
}
