@preconcurrency import Plot

/// A highlighted message: information, a warning, or a success panel.
struct Notice: Component {
    enum Kind: String { case info, warning, success }

    var kind: Kind = .info
    var title: String? = nil
    var headingLevel: Int = 2
    var content: Component

    init(_ kind: Kind = .info, title: String? = nil, headingLevel: Int = 2, text: String) {
        self.init(kind, title: title, headingLevel: headingLevel) { HTML.el("p") { HTML.text(text) } }
    }

    init(_ kind: Kind = .info, title: String? = nil, headingLevel: Int = 2, @ComponentBuilder content: () -> Component) {
        self.kind = kind
        self.title = title
        self.headingLevel = headingLevel
        self.content = content()
    }

    var body: Component {
        HTML.el("div", .class("notice notice--\(kind.rawValue)"), Attr("role", kind == .success ? "status" : nil)) {
            if let title {
                HTML.el("h\(min(max(headingLevel, 2), 6))", .class("notice__title")) { HTML.text(title) }
            }
            content
        }
    }
}
