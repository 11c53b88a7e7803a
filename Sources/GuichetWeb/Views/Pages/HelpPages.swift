@preconcurrency import Plot

/// *Aide*: the list of topics.
struct HelpIndexPage: PageView {
    var title: String { "Aide" }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(title) }
            HTML.el("p", .class("lead")) { HTML.text("Les réponses aux questions les plus fréquentes sur Guichet et les démarches en ligne.") }
            HTML.el("ul", .class("tiles")) {
                for topic in HelpContent.topics {
                    HTML.el("li") {
                        HTML.el("div", .class("tile")) {
                            HTML.el("h2") { HTML.el("a", .href(.helpTopic(.value(topic.slug)))) { HTML.text(topic.title) } }
                            HTML.el("p") { HTML.text(topic.summary) }
                        }
                    }
                }
            }
            HTML.el("h2") { HTML.text("Toujours un problème ?") }
            HTML.el("p") {
                HTML.text("Si vous n'avez pas trouvé la réponse à votre question, vous pouvez écrire à l'équipe Guichet. ")
            }
            ButtonLink(label: "Poser votre question", url: .contact, style: .secondary)
        }
    }
}

/// One help topic: its questions and answers, each question with an anchor.
struct HelpTopicPage: PageView {
    let topic: HelpTopic

    var title: String { topic.title }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Aide", .help)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(topic.title) }
            HTML.el("nav", .aria("label", "Questions de cette page")) {
                HTML.el("ul") {
                    for question in topic.questions {
                        HTML.el("li") { HTML.el("a", .href("#" + question.anchor)) { HTML.text(question.title) } }
                    }
                }
            }
            for question in topic.questions {
                HTML.el("section", .class("question"), .aria("labelledby", question.anchor)) {
                    HTML.el("h2", .id(question.anchor)) { HTML.text(question.title) }
                    for block in question.blocks { Self.render(block) }
                }
            }
            HTML.el("p") {
                HTML.el("a", .href(.help)) { HTML.text("Retour à l'aide") }
                HTML.text(" · ")
                HTML.el("a", .href(.contact)) { HTML.text("Poser votre question") }
            }
        }
    }

    static func render(_ block: HelpBlock) -> Component {
        switch block {
        case .paragraph(let inlines):
            HTML.el("p") { inline(inlines) }
        case .list(let items):
            HTML.el("ul") {
                for item in items { HTML.el("li") { inline(item) } }
            }
        }
    }

    static func inline(_ inlines: [HelpInline]) -> Component {
        ComponentGroup(members: inlines.map { run -> Component in
            switch run {
            case .text(let text): HTML.text(text)
            case .strong(let text): HTML.el("strong") { HTML.text(text) }
            case .external(let label, let url): HTML.el("a", .href(url), Attr("rel", "noopener")) { HTML.text(label) }
            case .page(let label, let url): HTML.el("a", .href(url)) { HTML.text(label) }
            }
        })
    }
}
