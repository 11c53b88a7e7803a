import Foundation
import GuichetCore

/// The account emails (SPEC §1).
enum AccountMails {
    static func activation(identifier: String, link: String) -> PlainMail {
        PlainMail(subject: "Activez votre compte Guichet", paragraphs: [
            "Bonjour,",
            "Un compte Guichet a été créé avec cette adresse électronique, avec l'identifiant « \(identifier) ». Pour l'activer, ouvrez ce lien dans les 24 heures :",
            link,
            "Si vous n'avez pas créé de compte, ignorez ce courriel : le compte ne sera pas activé et sera supprimé.",
        ])
    }

    static func locked(identifier: String, until: Date) -> PlainMail {
        PlainMail(subject: "Votre compte Guichet est verrouillé", paragraphs: [
            "Bonjour,",
            "Cinq essais de connexion manqués à la suite ont été faits sur votre compte « \(identifier) ». Pour votre sécurité, il est verrouillé jusqu'au \(FrenchDate.withTime(until)) ; il se déverrouillera alors de lui-même.",
            "Si ces essais ne viennent pas de vous, quelqu'un tente peut-être d'accéder à votre compte : une fois le compte déverrouillé, choisissez « Mot de passe oublié ? » pour en changer.",
        ])
    }

    static func identifierReminder(identifiers: [String]) -> PlainMail {
        PlainMail(subject: "Votre identifiant Guichet", paragraphs: [
            "Bonjour,",
            (identifiers.count > 1 ? "Les identifiants des comptes Guichet liés à cette adresse électronique sont :" : "L'identifiant du compte Guichet lié à cette adresse électronique est :")
                + "\n" + identifiers.map { "– \($0)" }.joined(separator: "\n"),
            "Si vous n'avez rien demandé, ignorez ce courriel : quelqu'un a pu se tromper d'adresse.",
        ])
    }

    static func passwordReset(identifier: String, link: String) -> PlainMail {
        PlainMail(subject: "Choisissez un nouveau mot de passe", paragraphs: [
            "Bonjour,",
            "Une demande de nouveau mot de passe a été faite pour votre compte « \(identifier) ». Pour choisir un nouveau mot de passe, ouvrez ce lien dans les 30 minutes (il ne sert qu'une fois) :",
            link,
            "Si vous n'avez rien demandé, ignorez ce courriel : quelqu'un a pu se tromper en saisissant son propre identifiant. Votre mot de passe reste inchangé.",
        ])
    }

    static func passwordResetWhileLocked(identifier: String, until: Date) -> PlainMail {
        PlainMail(subject: "Demande de nouveau mot de passe refusée", paragraphs: [
            "Bonjour,",
            "Une demande de nouveau mot de passe a été faite pour votre compte « \(identifier) », mais ce compte est verrouillé après cinq essais de connexion manqués. Refaites la demande après le \(FrenchDate.withTime(until)).",
            "Si vous n'avez rien demandé, ignorez ce courriel.",
        ])
    }

    /// Told to the owner after any change of credentials or security settings.
    static func securityChange(_ change: String, at date: Date) -> PlainMail {
        PlainMail(subject: "Modification de la sécurité de votre compte", paragraphs: [
            "Bonjour,",
            "\(change) le \(FrenchDate.withTime(date)).",
            PlainMail.notYou,
        ])
    }

    static func emailChangeConfirmation(identifier: String, link: String) -> PlainMail {
        PlainMail(subject: "Confirmez votre nouvelle adresse électronique", paragraphs: [
            "Bonjour,",
            "Vous avez demandé que cette adresse devienne celle du compte Guichet « \(identifier) ». Pour confirmer, ouvrez ce lien dans les 24 heures :",
            link,
            "Si vous n'avez rien demandé, ignorez ce courriel : l'adresse du compte ne changera pas.",
        ])
    }

    static func emailChangeRequested(newAddress: String, at date: Date) -> PlainMail {
        PlainMail(subject: "Demande de changement d'adresse électronique", paragraphs: [
            "Bonjour,",
            "Le \(FrenchDate.withTime(date)), il a été demandé de remplacer l'adresse électronique de votre compte Guichet par \(EmailMask.masked(newAddress)). Le changement sera fait quand le lien envoyé à cette nouvelle adresse sera ouvert.",
            PlainMail.notYou,
        ])
    }

    /// A document the virus scanner judged only later, and found infected.
    static func documentRemoved(title: String) -> PlainMail {
        PlainMail(subject: "Un document a été supprimé de votre compte", paragraphs: [
            "Bonjour,",
            "Le document « \(title) » que vous avez envoyé sur Guichet a été supprimé : l'analyse antivirus y a trouvé un virus ou un programme malveillant. Il n'a été transmis à personne.",
            "Analysez l'appareil d'où il vient, puis envoyez-le de nouveau si vous en avez besoin.",
        ])
    }

    static func accountDeleted(identifier: String) -> PlainMail {
        PlainMail(subject: "Votre compte Guichet a été supprimé", paragraphs: [
            "Bonjour,",
            "Votre compte « \(identifier) » a été supprimé, avec vos coordonnées, vos documents et vos dossiers enregistrés. Les dossiers déjà transmis restent auprès des organismes qui les ont reçus.",
            "Vous pouvez créer un nouveau compte à tout moment.",
        ])
    }
}

/// `je•••@exemple.fr`: enough to recognise an address, not to harvest it.
enum EmailMask {
    static func masked(_ address: String) -> String {
        let parts = address.split(separator: "@", maxSplits: 1)
        guard parts.count == 2 else { return "•••" }
        return String(parts[0].prefix(2)) + "•••@" + parts[1]
    }
}
