import Foundation
import GuichetCore
@preconcurrency import Plot

/// The question, forwarded to the support mailbox; replying answers the sender.
struct ContactForwardMail: MailTemplate {
    let message: ContactForm.Valid
    let receivedAt: Date

    var subject: String { "Poser votre question : \(message.subject.label)" }

    var text: String {
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

    var html: Component { MailLayout.paragraphs(text) }
}

/// The acknowledgement to the sender. It deliberately does not repeat the message:
/// otherwise the form could be used to send any text to any address from the portal.
struct ContactAcknowledgementMail: MailTemplate {
    let subjectLabel: String
    let receivedAt: Date

    var subject: String { "Nous avons bien reçu votre question" }

    var text: String {
        """
        Bonjour,

        Nous avons bien reçu votre question du \(FrenchDate.short(receivedAt)) sur le sujet « \(subjectLabel) ». L'équipe Guichet vous répondra à cette adresse électronique.

        Pour votre sécurité : nous ne vous demanderons jamais votre mot de passe ni vos coordonnées bancaires, et les démarches sur Guichet sont gratuites.

        Si vous n'avez pas posé de question sur Guichet, ignorez ce courriel : quelqu'un a pu se tromper d'adresse.
        """
    }

    var html: Component { MailLayout.paragraphs(text) }
}
