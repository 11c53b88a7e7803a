import Foundation
import GuichetCore
@preconcurrency import Plot
import Vapor

/// A message's words: a subject, a plain-text body and an HTML body.
protocol MailTemplate {
    var subject: String { get }
    var text: String { get }
    var html: Component { get }
}

/// Turns templates into messages ready for the outbox.
struct Mailer {
    let config: AppConfig
    let now: Date

    func compose(_ template: some MailTemplate, to recipient: Mailbox, replyTo: Mailbox? = nil) -> EmailMessage {
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

extension Request {
    var mailer: Mailer { Mailer(config: guichet.config, now: now) }
}

/// The HTML frame of every email: plain, readable in any client, no remote images.
enum MailLayout {
    static func render(_ template: some MailTemplate, baseURL: URL) -> String {
        HTML.document(
            HTML.el("html", .lang("fr")) {
                HTML.el("head") {
                    HTML.void("meta", Attr("charset", "utf-8"))
                    HTML.el("title") { HTML.text(template.subject) }
                }
                HTML.el("body", Attr("style", "font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #161616;")) {
                    HTML.el("div", Attr("style", "max-width: 600px; margin: 0 auto; padding: 16px;")) {
                        HTML.el("p", Attr("style", "font-weight: bold; color: #000091; font-size: 20px;")) { HTML.text("Guichet") }
                        template.html
                        HTML.el("hr")
                        HTML.el("p", Attr("style", "font-size: 14px; color: #3a3a3a;")) {
                            HTML.el("a", .href(baseURL.absoluteString)) { HTML.text("Guichet") }
                            HTML.text(" – vos démarches administratives en ligne. Ce message a été envoyé automatiquement : merci de ne pas y répondre.")
                        }
                    }
                }
            }
        )
    }

    /// Paragraphs of plain text as HTML paragraphs, line breaks kept.
    static func paragraphs(_ text: String) -> Component {
        ComponentGroup(members: text.components(separatedBy: "\n\n").map { paragraph in
            HTML.el("p") {
                ComponentGroup(members: paragraph.components(separatedBy: "\n").enumerated().flatMap { index, line -> [Component] in
                    index == 0 ? [HTML.text(line)] : [HTML.void("br"), HTML.text(line)]
                })
            }
        })
    }
}
