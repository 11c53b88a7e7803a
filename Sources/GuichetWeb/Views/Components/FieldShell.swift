@preconcurrency import Plot

/// The identifiers that tie a field's label, hint and error together. Every input
/// component derives them here, so `for`, `id` and `aria-describedby` always agree and
/// the error summary can link to the field.
struct FieldIDs {
    let name: String

    static func forField(_ name: String) -> String { "champ-" + name }

    var input: String { Self.forField(name) }
    var hint: String { input + "-aide" }
    var error: String { input + "-erreur" }

    func describedBy(hint hasHint: Bool, error hasError: Bool, extra: [String] = []) -> String? {
        let ids = (hasHint ? [hint] : []) + extra + (hasError ? [error] : [])
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }
}

/// Hint and error paragraphs shared by every field.
enum FieldParts {
    static func hint(_ text: String?, ids: FieldIDs) -> Component {
        guard let text else { return EmptyComponent() }
        return HTML.el("p", .class("field__hint"), .id(ids.hint)) { HTML.text(text) }
    }

    static func error(_ text: String?, ids: FieldIDs) -> Component {
        guard let text else { return EmptyComponent() }
        return HTML.el("p", .class("field__error"), .id(ids.error)) {
            HTML.el("span", .class("sr-only")) { HTML.text("Erreur : ") }
            HTML.text(text)
        }
    }

    static func label(_ text: String, ids: FieldIDs, optional: Bool) -> Component {
        HTML.el("label", .class("field__label"), .for(ids.input)) {
            HTML.text(text)
            if optional { HTML.el("span", .class("field__optional")) { HTML.text(" (facultatif)") } }
        }
    }

    static func wrapperClass(error: String?) -> String {
        error == nil ? "field" : "field field--error"
    }
}
