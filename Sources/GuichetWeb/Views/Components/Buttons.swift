@preconcurrency import Plot

/// A form button. A `name`/`value` pair tells the handler which action was chosen
/// when a form has several (for example *Enregistrer* and *Continuer*).
struct ActionButton: Component {
    enum Style: String { case primary, secondary, tertiary }

    var label: String
    var style: Style = .primary
    var name: String? = nil
    var value: String? = nil
    /// Skip the browser's own checks (for buttons that do not submit answers).
    var skipsValidation: Bool = false

    var body: Component {
        HTML.el("button", .type("submit"), .class("button button--\(style.rawValue)"),
                Attr("name", name), .value(value), .flag("formnovalidate", skipsValidation)) {
            HTML.text(label)
        }
    }
}

/// A link styled as a button, for navigation that changes nothing.
struct ButtonLink: Component {
    var label: String
    var url: SiteURL
    var style: ActionButton.Style = .primary

    var body: Component {
        HTML.el("a", .href(url), .class("button button--\(style.rawValue)")) { HTML.text(label) }
    }
}
