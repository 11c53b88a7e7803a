import Foundation
import GuichetCore

/// The emails agents receive.
enum AgentMails {
    static func invitation(organisation: String, role: AgentRole, link: String, expires: Date) -> PlainMail {
        PlainMail(subject: "Votre accès à l'espace des organismes de Guichet", paragraphs: [
            "Bonjour,",
            "Un accès à l'espace des organismes de Guichet vous a été ouvert pour \(organisation), avec le rôle « \(role.label) ». Vous y recevrez les dossiers transmis par les usagers.",
            "Pour l'activer, ouvrez le lien ci-dessous : vous choisirez votre mot de passe et enregistrerez une application d'authentification (obligatoire, car vous verrez les données personnelles des usagers).",
            link,
            "Ce lien ne fonctionne qu'une fois, jusqu'au \(FrenchDate.withTime(expires)). Si vous n'attendiez pas ce message, ignorez-le : aucun accès ne sera activé.",
        ])
    }

    static func locked(until: Date) -> PlainMail {
        PlainMail(subject: "Votre accès à l'espace des organismes est bloqué", paragraphs: [
            "Bonjour,",
            "Après \(LockoutPolicy.maximumFailures) essais de connexion manqués, votre accès à l'espace des organismes de Guichet est bloqué jusqu'au \(FrenchDate.withTime(until)).",
            "Si ce n'était pas vous, prévenez l'administrateur de votre organisme : quelqu'un essaie peut-être de deviner votre mot de passe.",
        ])
    }
}
