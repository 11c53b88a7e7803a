import Foundation
import GuichetCore
@preconcurrency import Plot

/// A plain email: paragraphs, with each link shown as its full address (so it
/// can be copied when the link cannot be clicked).
struct PlainMail: MailTemplate {
    let subject: String
    let paragraphs: [String]

    var text: String { paragraphs.joined(separator: "\n\n") }
    var html: Component {
        ComponentGroup(members: paragraphs.map { paragraph -> Component in
            if paragraph.hasPrefix("http://") || paragraph.hasPrefix("https://") {
                return HTML.el("p") { HTML.el("a", .href(paragraph)) { HTML.text(paragraph) } }
            }
            return MailLayout.paragraphs(paragraph)
        })
    }

    static let notYou = "Si vous n'êtes pas à l'origine de cette action, changez votre mot de passe et contactez-nous par la page « Poser votre question »."
}
