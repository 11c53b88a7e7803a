import Foundation
import GuichetCore

/// A plain email: paragraphs, with each link shown as its full address (so it
/// can be copied when the link cannot be clicked).
public struct PlainMail: MailTemplate {
    public let subject: String
    public let paragraphs: [String]

    public init(subject: String, paragraphs: [String]) {
        self.subject = subject
        self.paragraphs = paragraphs
    }

    public var text: String { paragraphs.joined(separator: "\n\n") }
    public var html: String {
        paragraphs.map { paragraph in
            if paragraph.hasPrefix("http://") || paragraph.hasPrefix("https://") {
                return MailHTML.element("p", [], MailHTML.link(paragraph))
            }
            return MailHTML.paragraphs(paragraph)
        }.joined()
    }

    static let notYou = "Si vous n'êtes pas à l'origine de cette action, changez votre mot de passe et contactez-nous par la page « Poser votre question »."
}
