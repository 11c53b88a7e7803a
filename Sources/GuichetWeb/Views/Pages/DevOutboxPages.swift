import Foundation
import GuichetCore
import GuichetStore
@preconcurrency import Plot

/// Development only: the messages the outbox holds, to follow links from emails
/// without a mail server.
struct DevOutboxPage: PageView {
    struct Row {
        let id: UUID
        let createdAt: Date
        let channel: String
        let recipient: String
        let summary: String
        let status: String
        let attempts: Int
    }

    let rows: [Row]
    var title: String { "Messages envoyés (développement)" }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            Notice(.warning, text: "Cette page n'existe qu'en mode développement. Les courriels sont aussi écrits en fichiers .eml dans le dossier outbox du répertoire de données.")
            if rows.isEmpty {
                HTML.el("p") { HTML.text("Aucun message.") }
            } else {
                DataTable(caption: "Messages, du plus récent au plus ancien",
                          headings: ["Date", "Canal", "Destinataire", "Objet", "État", "Tentatives"],
                          rows: rows.map { row in
                              [HTML.text(FrenchDate.withTime(row.createdAt)), HTML.text(row.channel), HTML.text(row.recipient),
                               HTML.el("a", .href(.devOutboxMessage(.value(row.id.uuidString)))) { HTML.text(row.summary) },
                               HTML.text(row.status), HTML.text(String(row.attempts))]
                          })
            }
        }
    }
}

/// Development only: one message, its text and the links it contains.
struct DevOutboxMessagePage: PageView {
    let recipient: String
    let subject: String
    let text: String

    var title: String { subject }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Messages envoyés", .devOutbox)] }

    static func links(in text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            .filter { $0.hasPrefix("http://") || $0.hasPrefix("https://") }
    }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(subject) }
            HTML.el("p") { HTML.text("Destinataire : " + recipient) }
            let links = Self.links(in: text)
            if !links.isEmpty {
                HTML.el("h2") { HTML.text("Liens du message") }
                HTML.el("ul") {
                    for link in links { HTML.el("li") { HTML.el("a", .href(link)) { HTML.text(link) } } }
                }
            }
            HTML.el("h2") { HTML.text("Texte") }
            HTML.el("pre", .class("message-body")) { HTML.text(text) }
        }
    }
}
