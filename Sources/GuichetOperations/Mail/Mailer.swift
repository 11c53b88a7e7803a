import Foundation
import GuichetCore

/// A message's words: a subject, a plain-text body and an HTML body (the inner part,
/// without the frame every email shares).
public protocol MailTemplate {
    var subject: String { get }
    var text: String { get }
    var html: String { get }
}

/// Turns templates into messages ready for the outbox.
public struct Mailer: Sendable {
    let config: AppConfig
    let now: Date
    /// Seals the messages queued in the outbox (`envelope`).
    let sealer: (any SecretSealing)?

    public init(config: AppConfig, now: Date, sealer: (any SecretSealing)? = nil) {
        self.config = config
        self.now = now
        self.sealer = sealer
    }

    public func compose(_ template: some MailTemplate, to recipient: Mailbox, replyTo: Mailbox? = nil) -> EmailMessage {
        let host = config.baseURL.host ?? "guichet.localhost"
        return EmailMessage(
            from: config.mailFrom,
            to: recipient,
            replyTo: replyTo,
            subject: template.subject,
            text: template.text + "\n\n-- \nGuichet – " + config.baseURL.absoluteString + "\n",
            html: MailLayout.render(template, baseURL: config.baseURL),
            date: now,
            messageID: "\(UUID().uuidString.lowercased())@\(host)"
        )
    }
}

/// The HTML frame of every email: plain, readable in any client, no remote images.
enum MailLayout {
    static func render(_ template: some MailTemplate, baseURL: URL) -> String {
        typealias H = MailHTML
        let head = H.element("head", [], H.void("meta", [("charset", "utf-8")]) + H.element("title", [], H.text(template.subject)))
        let footer = H.element("p", [("style", "font-size: 14px; color: #3a3a3a;")],
                               H.element("a", [("href", baseURL.absoluteString)], H.text("Guichet"))
                                   + H.text(" – vos démarches administratives en ligne. Ce message a été envoyé automatiquement : merci de ne pas y répondre."))
        let body = H.element("body", [("style", "font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #161616;")],
                             H.element("div", [("style", "max-width: 600px; margin: 0 auto; padding: 16px;")],
                                       H.element("p", [("style", "font-weight: bold; color: #000091; font-size: 20px;")], H.text("Guichet"))
                                           + template.html + H.void("hr") + footer))
        return "<!DOCTYPE html>" + H.element("html", [("lang", "fr")], head + body)
    }
}
