import Foundation
import GuichetCore

/// The question, forwarded to the support mailbox; replying answers the sender.
public struct ContactForwardMail: MailTemplate {
    let message: ContactForm.Valid
    let receivedAt: Date

    public var subject: String { "Poser votre question : \(message.subject.label)" }

    public var text: String {
        """
        Nouvelle question reçue par le formulaire « Poser votre question ».

        Sujet : \(message.subject.label)
        Adresse électronique : \(message.email.value)
        Ville ou code postal : \(message.place)
        Reçue le : \(FrenchDate.withTime(receivedAt))

        Message :
        \(message.message)

        Répondez à ce courriel : la réponse partira vers l'adresse de l'usager.
        """
    }

    public var html: String { MailHTML.paragraphs(text) }
}

/// The acknowledgement to the sender. It deliberately does not repeat the message:
/// otherwise the form could be used to send any text to any address from the portal.
public struct ContactAcknowledgementMail: MailTemplate {
    let subjectLabel: String
    let receivedAt: Date

    public var subject: String { "Nous avons bien reçu votre question" }

    public var text: String {
        """
        Bonjour,

        Nous avons bien reçu votre question du \(FrenchDate.short(receivedAt)) sur le sujet « \(subjectLabel) ». L'équipe Guichet vous répondra à cette adresse électronique.

        Pour votre sécurité : nous ne vous demanderons jamais votre mot de passe ni vos coordonnées bancaires, et les démarches sur Guichet sont gratuites.

        Si vous n'avez pas posé de question sur Guichet, ignorez ce courriel : quelqu'un a pu se tromper d'adresse.
        """
    }

    public var html: String { MailHTML.paragraphs(text) }
}
