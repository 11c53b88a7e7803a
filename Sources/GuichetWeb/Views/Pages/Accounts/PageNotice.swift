@preconcurrency import Plot

/// A message shown at the top of a page after a redirect (signed out, password changed…).
struct PageNotice: Sendable, Equatable {
    var kind: Notice.Kind
    var text: String

    var component: Component { Notice(kind, text: text) }

    /// On the sign-in pages (citizens' and agents') after a session timed out.
    static let sessionExpired = PageNotice(kind: .warning,
                                           text: "Votre session a pris fin après 30 minutes sans activité (ou 12 heures de connexion). Reconnectez-vous pour continuer.")
}

extension Notice.Kind: @unchecked Sendable {}

/// A list of links under a form (*Créer un compte*, *Identifiant oublié ?*…).
struct LinkList: Component {
    var links: [(label: String, url: String)]

    var body: Component {
        HTML.el("ul", .class("link-list")) {
            for link in links {
                HTML.el("li") { HTML.el("a", .href(link.url)) { HTML.text(link.label) } }
            }
        }
    }
}
