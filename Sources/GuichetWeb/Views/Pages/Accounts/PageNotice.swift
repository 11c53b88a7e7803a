@preconcurrency import Plot

/// A message shown at the top of a page after a redirect (signed out, password changed…).
struct PageNotice: Sendable, Equatable {
    var kind: Notice.Kind
    var text: String

    var component: Component { Notice(kind, text: text) }
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
