import Foundation
import GuichetCore

/// The emails of procedures and dossiers (SPEC §4, §10).
enum DossierMails {
    static func submitted(procedure: Procedure, reference: String, at date: Date, organisations: [String],
                          followLink: String) -> PlainMail {
        PlainMail(subject: "Votre demande a été transmise – référence \(reference)", paragraphs: [
            "Bonjour,",
            "Votre démarche « \(procedure.title) » a été transmise le \(FrenchDate.withTime(date)) à : \(organisations.joined(separator: ", ")).",
            "Sa référence est : \(reference)\nRappelez-la dans tout échange avec l'organisme destinataire.",
            procedure.afterSubmission,
            "Suivez votre dossier et téléchargez son récapitulatif :",
            followLink,
            "Un dossier transmis ne peut plus être modifié ni annulé sur Guichet : pour signaler un changement, adressez-vous directement à l'organisme destinataire.",
        ])
    }

    static func savedWithoutAccount(procedure: Procedure, link: String, number: String, password: String, until: Date) -> PlainMail {
        PlainMail(subject: "Votre démarche est enregistrée : « \(procedure.title) »", paragraphs: [
            "Bonjour,",
            "Votre démarche « \(procedure.title) » est enregistrée jusqu'au \(FrenchDate.withTime(until)). Elle n'a pas encore été transmise.",
            "Pour la reprendre, ouvrez ce lien :",
            link,
            "puis saisissez :\nNuméro de télédossier : \(number)\nMot de passe : \(password)",
            "Passé ce délai de 15 jours, le dossier sera supprimé et il faudra recommencer la démarche. Ne transférez pas ce courriel : il permet d'accéder à votre dossier.",
        ])
    }

    static func savedAgainWithoutAccount(procedure: Procedure, link: String, number: String, until: Date) -> PlainMail {
        PlainMail(subject: "Votre démarche est enregistrée : « \(procedure.title) »", paragraphs: [
            "Bonjour,",
            "Votre démarche « \(procedure.title) » est de nouveau enregistrée, jusqu'au \(FrenchDate.withTime(until)). Elle n'a pas encore été transmise.",
            "Pour la reprendre, ouvrez ce lien :",
            link,
            "Numéro de télédossier : \(number)\nLe mot de passe reste celui du premier courriel d'enregistrement.",
        ])
    }

    static func expiryAlert(procedure: Procedure, until: Date, link: String) -> PlainMail {
        PlainMail(subject: "Votre dossier enregistré expire bientôt", paragraphs: [
            "Bonjour,",
            "Votre démarche « \(procedure.title) » est enregistrée mais n'a pas été transmise. Elle sera supprimée le \(FrenchDate.withTime(until)).",
            "Pour la terminer et la transmettre avant cette date :",
            link,
            "Si vous ne souhaitez plus faire cette démarche, vous n'avez rien à faire.",
        ])
    }

    static func statusChanged(procedure: Procedure?, reference: String, organisation: String, state: TransmissionState,
                              message: String?, link: String) -> PlainMail {
        var paragraphs = [
            "Bonjour,",
            "Votre dossier \(reference)\(procedure.map { " (« \($0.title) »)" } ?? "") a changé d'état chez \(organisation) : \(state.label.lowercased()).",
        ]
        if let message, !message.isEmpty { paragraphs.append("Message de l'organisme :\n\(message)") }
        paragraphs += ["Suivez votre dossier :", link]
        return PlainMail(subject: "Votre dossier \(reference) : \(state.label.lowercased())", paragraphs: paragraphs)
    }

    static func organisationMessage(procedure: Procedure?, reference: String, organisation: String, state: TransmissionState,
                                    message: String, link: String) -> PlainMail {
        PlainMail(subject: "Votre dossier \(reference) : un message de l'organisme", paragraphs: [
            "Bonjour,",
            "\(organisation) vous a écrit au sujet de votre dossier \(reference)\(procedure.map { " (« \($0.title) »)" } ?? ""), qui est toujours « \(state.label.lowercased()) » :",
            message,
            "Suivez votre dossier :", link,
        ])
    }
}
