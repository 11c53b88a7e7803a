import Foundation
import GuichetCore

/// The emails of the organisations' side (SPEC §6).
enum PartnerMails {
    static func accountLinkDeleted(organisation: String, maskedReference: String, link: String) -> PlainMail {
        PlainMail(subject: "Une liaison de compte a été supprimée", paragraphs: [
            "Bonjour,",
            "\(organisation) a supprimé la liaison entre votre compte Guichet et votre dossier \(maskedReference) chez cet organisme.",
            "Vos démarches et vos documents ne sont pas touchés. Pour toute question sur cette liaison, adressez-vous directement à \(organisation).",
            "Vos liaisons de comptes :",
            link,
        ])
    }
}
