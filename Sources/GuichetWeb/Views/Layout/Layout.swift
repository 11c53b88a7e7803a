import GuichetOperations
@preconcurrency import Plot

/// The frame of every page: skip link, header with the main navigation, the page's
/// content in `<main>`, and the footer.
enum Layout {
    static let siteName = "Guichet"

    static func render(_ page: some PageView, context: PageContext) -> String {
        let documentTitle = (page.hasErrors ? "Erreur : " : "") + page.title + " – " + siteName
        return HTML.document(
            HTML.el("html", .lang("fr")) {
                HTML.el("head") {
                    HTML.void("meta", Attr("charset", "utf-8"))
                    HTML.void("meta", .name("viewport"), Attr("content", "width=device-width, initial-scale=1"))
                    HTML.el("title") { HTML.text(documentTitle) }
                    HTML.void("link", Attr("rel", "stylesheet"), .href(context.assets.url(for: .stylesheet)))
                    HTML.void("link", Attr("rel", "icon"), .type("image/svg+xml"), .href(context.assets.url(for: .icon)))
                    HTML.el("script", Attr("src", context.assets.url(for: .script).path), .flag("defer"))
                }
                HTML.el("body") {
                    HTML.el("a", .class("skip-link"), .href("#contenu")) { HTML.text("Aller au contenu") }
                    if case .agents(let agent) = page.space {
                        agentHeader(agent, context: context)
                    } else {
                        header(context)
                    }
                    HTML.el("main", .id("contenu"), Attr("tabindex", "-1")) {
                        HTML.el("div", .class("container")) {
                            if !page.breadcrumb.isEmpty { breadcrumb(page.breadcrumb, current: page.title) }
                            page.content(context)
                        }
                    }
                    footer(context)
                }
            }
        )
    }

    private static func header(_ context: PageContext) -> Component {
        HTML.el("header", .class("site-header")) {
            HTML.el("div", .class("container site-header__inner")) {
                HTML.el("a", .class("brand"), .href(.home)) {
                    HTML.el("span", .class("brand__name")) { HTML.text(siteName) }
                    HTML.el("span", .class("brand__tagline")) { HTML.text("Vos démarches administratives en ligne") }
                }
                HTML.el("nav", .aria("label", "Menu principal"), .class("main-nav")) {
                    HTML.el("ul") {
                        for item in navigation(context) {
                            HTML.el("li") {
                                HTML.el("a", .href(item.url), .aria("current", item.isCurrent ? "page" : nil)) {
                                    HTML.text(item.label)
                                }
                            }
                        }
                        if context.isSignedIn {
                            HTML.el("li") {
                                HTML.el("form", Attr("method", "post"), Attr("action", SiteURL.signOut.path), .class("sign-out")) {
                                    HTML.void("input", .type("hidden"), .name(CSRFMiddleware.fieldName), .value(context.csrfToken))
                                    HTML.el("button", .type("submit"), .class("button button--tertiary")) { HTML.text("Déconnexion") }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The organisations' space: its own name, the inbox and the agent's sign-out.
    private static func agentHeader(_ agent: Agent?, context: PageContext) -> Component {
        HTML.el("header", .class("site-header site-header--agents")) {
            HTML.el("div", .class("container site-header__inner")) {
                HTML.el("a", .class("brand"), .href(agent == nil ? .agentSignIn : .agentInbox)) {
                    HTML.el("span", .class("brand__name")) { HTML.text(siteName) }
                    HTML.el("span", .class("brand__tagline")) { HTML.text("Espace des organismes") }
                }
                if let agent {
                    HTML.el("nav", .aria("label", "Menu de l'espace des organismes"), .class("main-nav")) {
                        HTML.el("ul") {
                            HTML.el("li") {
                                HTML.el("a", .href(.agentInbox), .aria("current", context.currentPath == SiteURL.agentInbox.path ? "page" : nil)) {
                                    HTML.text("Dossiers reçus")
                                }
                            }
                            HTML.el("li", .class("main-nav__who")) { HTML.text("\(agent.name) – \(agent.organisationName)") }
                            HTML.el("li") {
                                HTML.el("form", Attr("method", "post"), Attr("action", SiteURL.agentSignOut.path), .class("sign-out")) {
                                    HTML.void("input", .type("hidden"), .name(CSRFMiddleware.fieldName), .value(context.csrfToken))
                                    HTML.el("button", .type("submit"), .class("button button--tertiary")) { HTML.text("Déconnexion") }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    struct NavItem {
        let label: String
        let url: SiteURL
        let isCurrent: Bool
    }

    static func navigation(_ context: PageContext) -> [NavItem] {
        func item(_ label: String, _ url: SiteURL) -> NavItem {
            let current = url == .home ? context.currentPath == "/" : context.currentPath.hasPrefix(url.path)
            return NavItem(label: label, url: url, isCurrent: current)
        }
        return [
            item("Accueil", .home),
            item("Services en ligne et formulaires", .catalogue),
            context.isSignedIn ? item("Mon compte", .account) : item("Se connecter", .signIn),
            item("Annuaire", .directory),
            item("Aide", .help),
        ]
    }

    private static func breadcrumb(_ trail: [(label: String, url: SiteURL)], current: String) -> Component {
        HTML.el("nav", .class("breadcrumb"), .aria("label", "Vous êtes ici")) {
            HTML.el("ol") {
                HTML.el("li") { HTML.el("a", .href(.home)) { HTML.text("Accueil") } }
                for step in trail {
                    HTML.el("li") { HTML.el("a", .href(step.url)) { HTML.text(step.label) } }
                }
                HTML.el("li", .aria("current", "page")) { HTML.text(current) }
            }
        }
    }

    private static func footer(_ context: PageContext) -> Component {
        HTML.el("footer", .class("site-footer")) {
            HTML.el("div", .class("container")) {
                HTML.el("nav", .aria("label", "Pied de page")) {
                    HTML.el("ul", .class("footer-links")) {
                        HTML.el("li") { HTML.el("a", .href(.accessibility)) { HTML.text("Accessibilité") } }
                        HTML.el("li") { HTML.el("a", .href(.legalNotice)) { HTML.text("Mentions légales") } }
                        HTML.el("li") { HTML.el("a", .href(.privacy)) { HTML.text("Données personnelles") } }
                        HTML.el("li") { HTML.el("a", .href(.contact)) { HTML.text("Poser votre question") } }
                        HTML.el("li") { HTML.el("a", .href(.apiDocumentation)) { HTML.text("API des organismes partenaires") } }
                        if context.showsDevelopmentTools {
                            HTML.el("li") { HTML.el("a", .href(.devOutbox)) { HTML.text("Messages envoyés (développement)") } }
                        }
                    }
                }
                HTML.el("p", .class("site-footer__note")) {
                    HTML.text("Guichet est un service public gratuit. Aucune démarche réalisée ici ne donne lieu à des frais supplémentaires.")
                }
            }
        }
    }
}
