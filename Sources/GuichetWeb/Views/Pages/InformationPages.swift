@preconcurrency import Plot

/// A page of fixed text (accessibility statement, legal notice, privacy).
struct InformationPage: PageView {
    let title: String
    let sections: [(heading: String?, blocks: [HelpBlock])]

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            for section in sections {
                if let heading = section.heading { HTML.el("h2") { HTML.text(heading) } }
                for block in section.blocks { HelpTopicPage.render(block) }
            }
        }
    }

    static let accessibility = InformationPage(title: "Accessibilité", sections: [
        (nil, [
            .paragraph(["Guichet s'engage à rendre son service accessible à tous, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration porte sur l'ensemble du portail."]),
        ]),
        ("État de conformité", [
            .paragraph(["Guichet vise la conformité au référentiel général d'amélioration de l'accessibilité (RGAA 4.1), niveau AA des règles WCAG 2.1. Chaque page est vérifiée automatiquement à chaque modification du logiciel, et les parcours principaux sont testés au clavier seul. Un audit complet par un organisme indépendant reste à mener : le service est donc déclaré ", .strong("partiellement conforme"), "."]),
        ]),
        ("Ce que nous avons fait", [
            .list([
                ["toutes les pages fonctionnent sans JavaScript et au clavier seul ;"],
                ["chaque champ de formulaire a une étiquette, une aide et un message d'erreur qui lui sont reliés ; les erreurs sont récapitulées en haut du formulaire avec un lien vers chaque champ ;"],
                ["le code de sécurité peut être écouté (fichier audio en français) et renouvelé ;"],
                ["les contrastes de couleur respectent le niveau AA ; le texte peut être agrandi à 200 % sans perte de contenu."],
            ]),
        ]),
        ("Retour d'information et contact", [
            .paragraph(["Si vous n'arrivez pas à accéder à un contenu ou à un service, ", .page("écrivez-nous", .contact), " (sujet « L'accessibilité du site ») : nous vous répondrons et vous proposerons une autre façon d'y accéder."]),
        ]),
        ("Voie de recours", [
            .paragraph(["Si vous nous avez signalé un défaut d'accessibilité sans obtenir de réponse satisfaisante, vous pouvez écrire au ", .external("Défenseur des droits", url: "https://formulaire.defenseurdesdroits.fr/"), " ou contacter son délégué dans votre région."]),
        ]),
    ])

    static let legalNotice = InformationPage(title: "Mentions légales", sections: [
        ("Éditeur", [
            .paragraph(["Ce portail est édité par l'administration qui l'exploite. Guichet est un logiciel libre : son code source est publié et chacun peut vérifier ce qu'il fait des données."]),
        ]),
        ("Hébergement", [
            .paragraph(["Le portail est hébergé en France, sur des serveurs de l'administration ou de prestataires qualifiés."]),
        ]),
        ("Liens vers d'autres sites", [
            .paragraph(["Les liens vers d'autres sites publics sont proposés pour vous aider ; Guichet n'est pas responsable de leur contenu."]),
        ]),
        ("Données de référence", [
            .paragraph(["Codes postaux, communes et coordonnées des mairies : sources INSEE, La Poste, DILA (Service-Public.fr), Licence Ouverte 2.0."]),
        ]),
    ])

    static let privacy = InformationPage(title: "Données personnelles", sections: [
        (nil, [
            .paragraph(["Guichet ne recueille que les données nécessaires aux démarches que vous faites et aux questions que vous posez. Elles ne sont ni vendues ni utilisées à des fins commerciales. Aucun traceur publicitaire ni outil de mesure d'audience tiers n'est utilisé ; le seul cookie déposé sert à votre session et à la sécurité des formulaires."]),
        ]),
        ("Ce que nous conservons, et combien de temps", [
            .list([
                ["questions posées par le formulaire de contact : un an ;"],
                ["compte, profil et porte-documents : jusqu'à la suppression du compte, que vous pouvez faire à tout moment ;"],
                ["dossiers enregistrés sans être transmis : 15 jours après le dernier enregistrement ;"],
                ["dossiers transmis : ils sont conservés par les organismes destinataires, selon leurs propres règles ;"],
                ["courriels envoyés : 30 jours après leur envoi."],
            ]),
        ]),
        ("Sécurité", [
            .paragraph(["Les mots de passe sont conservés sous une forme qui ne permet pas de les retrouver (Argon2id). Les liens envoyés par courriel sont à usage unique et limités dans le temps. Les journaux techniques ne contiennent pas de données personnelles."]),
        ]),
        ("Vos droits", [
            .paragraph(["Vous pouvez accéder à vos données, les faire rectifier ou effacer, et vous opposer à leur traitement. Pour exercer ces droits, ", .page("écrivez-nous", .contact), ". Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la ", .external("CNIL", url: "https://www.cnil.fr/fr/plaintes"), "."]),
        ]),
    ])
}
