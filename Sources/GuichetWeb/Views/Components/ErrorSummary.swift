@preconcurrency import GuichetCore
@preconcurrency import Plot

/// The box at the top of a form that failed validation: it lists every problem, each
/// a link to its field, and takes focus (through the script) so it is read first.
struct ErrorSummary: Component {
    var errors: FieldErrors
    var title: String = "Le formulaire contient des erreurs"

    var body: Component {
        guard !errors.isEmpty else { return EmptyComponent() }
        return HTML.el("div", .class("error-summary"), Attr("role", "alert"), Attr("tabindex", "-1"),
                       .aria("labelledby", "error-summary-title"), .data("focus-on-load", "true")) {
            HTML.el("h2", .class("error-summary__title"), .id("error-summary-title")) { HTML.text(title) }
            HTML.el("ul", .class("error-summary__list")) {
                for entry in errors.entries {
                    HTML.el("li") {
                        HTML.el("a", .href("#" + FieldIDs.forField(entry.field))) { HTML.text(entry.message) }
                    }
                }
            }
        }
    }
}
