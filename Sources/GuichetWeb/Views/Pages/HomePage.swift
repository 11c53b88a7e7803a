@preconcurrency import Plot

/// *Accueil*.
struct HomePage: PageView {
    var title: String { "Vos démarches administratives en ligne" }

    struct Tile {
        let title: String
        let text: String
        let url: SiteURL
    }

    var tiles: [Tile] {
        [
            Tile(title: "Services en ligne et formulaires", text: "Trouvez une démarche, faites-la en ligne ou téléchargez son formulaire.", url: .catalogue),
            Tile(title: "Suivre une démarche", text: "Retrouvez l'état d'une démarche transmise grâce à sa référence, ou reprenez une démarche enregistrée.", url: .lookup),
            Tile(title: "Mon compte", text: "Créez votre compte ou connectez-vous pour enregistrer et suivre vos démarches.", url: .account),
            Tile(title: "Aide", text: "Les réponses aux questions les plus fréquentes sur les démarches en ligne.", url: .help),
            Tile(title: "Poser votre question", text: "Vous ne trouvez pas la réponse dans l'aide ? Écrivez à l'équipe Guichet.", url: .contact),
        ]
    }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p", .class("lead")) {
                HTML.text("Faites vos démarches auprès des administrations en ligne, gratuitement et à toute heure : changement d'adresse, inscription sur les listes électorales, demande d'acte de naissance…")
            }
            HTML.el("ul", .class("tiles")) {
                for tile in tiles {
                    HTML.el("li") {
                        HTML.el("div", .class("tile")) {
                            HTML.el("h2") { HTML.el("a", .href(tile.url)) { HTML.text(tile.title) } }
                            HTML.el("p") { HTML.text(tile.text) }
                        }
                    }
                }
            }
            Notice(.warning, title: "Les démarches sur Guichet sont gratuites") {
                HTML.el("p") {
                    HTML.text("Des sites privés font payer des démarches qui sont gratuites ici. ")
                    HTML.el("a", .href(.helpTopic(.value(HelpContent.scamsTopic)))) {
                        HTML.text("Comment les reconnaître et les signaler")
                    }
                }
            }
        }
    }
}
