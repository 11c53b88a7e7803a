import GuichetCore
@preconcurrency import Plot

/// A multi-line input. With `maxLength`, a *N caractères restants* counter follows it:
/// written by the server (so it is right without JavaScript) and kept live by the
/// script, which announces the count to screen readers when typing pauses.
struct TextAreaInput: Component {
    var name: String
    var label: String
    var value: String = ""
    var hint: String? = nil
    var error: String? = nil
    var isRequired: Bool = true
    var maxLength: Int? = nil
    var rows: Int = 6

    static func remainingText(_ remaining: Int) -> String {
        remaining >= 0
            ? "\(Text.counted(remaining, "caractère")) restant\(remaining > 1 ? "s" : "")"
            : "\(Text.counted(-remaining, "caractère")) en trop"
    }

    var body: Component {
        let ids = FieldIDs(name: name)
        let counterID = ids.input + "-compteur"
        let remaining = maxLength.map { $0 - value.count }
        return HTML.el("div", .class(FieldParts.wrapperClass(error: error))) {
            FieldParts.label(label, ids: ids, optional: !isRequired)
            FieldParts.hint(hint, ids: ids)
            FieldParts.error(error, ids: ids)
            HTML.el("textarea",
                    .id(ids.input), .name(name), .class("input textarea"), Attr("rows", String(rows)),
                    .aria("describedby", ids.describedBy(hint: hint != nil, error: error != nil,
                                                         extra: maxLength == nil ? [] : [counterID])),
                    .aria("invalid", error == nil ? nil : "true"),
                    .data("counter-max", maxLength.map(String.init)),
                    .data("counter-id", maxLength == nil ? nil : counterID),
                    .flag("required", isRequired)) {
                HTML.text(value)
            }
            if let remaining {
                HTML.el("p", .class(remaining < 0 ? "field__counter field__counter--over" : "field__counter"),
                        .id(counterID)) {
                    HTML.text(Self.remainingText(remaining))
                }
                HTML.el("p", .class("sr-only"), .aria("live", "polite"), .data("counter-live", counterID)) {
                    EmptyComponent()
                }
            }
        }
    }
}
