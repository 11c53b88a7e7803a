import GuichetCore
@preconcurrency import Plot

/// A one-line input (text, email, tel, password…) with its label, hint and error.
struct TextInput: Component {
    var name: String
    var label: String
    var value: String = ""
    var type: String = "text"
    var hint: String? = nil
    var error: String? = nil
    var isRequired: Bool = true
    var autocomplete: String? = nil
    var inputMode: String? = nil
    var maxLength: Int? = nil
    var width: String? = nil
    var spellcheck: Bool? = nil
    /// Whether the label says *(facultatif)*; by default when not required. False for an
    /// input needed unless another one is filled (a street, or else a lieu-dit).
    var isMarkedOptional: Bool? = nil

    var body: Component {
        let ids = FieldIDs(name: name)
        // A password is never sent back to the browser.
        let shownValue = type == "password" ? nil : value
        return HTML.el("div", .class(FieldParts.wrapperClass(error: error))) {
            FieldParts.label(label, ids: ids, optional: isMarkedOptional ?? !isRequired)
            FieldParts.hint(hint, ids: ids)
            FieldParts.error(error, ids: ids)
            HTML.void("input",
                      .id(ids.input), .name(name), .type(type), .value(shownValue.flatMap { $0.isEmpty ? nil : $0 }),
                      .class(width.map { "input input--\($0)" } ?? "input"),
                      .aria("describedby", ids.describedBy(hint: hint != nil, error: error != nil)),
                      .aria("invalid", error == nil ? nil : "true"),
                      Attr("autocomplete", autocomplete), Attr("inputmode", inputMode),
                      Attr("maxlength", maxLength.map(String.init)),
                      Attr("spellcheck", spellcheck.map { $0 ? "true" : "false" }),
                      .flag("required", isRequired))
        }
    }
}

extension TextInput {
    /// An email field: the one set of attributes and the usual hint for every form.
    static func email(name: String, label: String, value: String, hint: String = EmailAddress.hint, error: String?,
                      isRequired: Bool = true, autocomplete: String = "email") -> TextInput {
        TextInput(name: name, label: label, value: value, type: "email", hint: hint, error: error, isRequired: isRequired,
                  autocomplete: autocomplete, maxLength: EmailAddress.maximumLength, spellcheck: false)
    }
}

/// A date typed as JJ/MM/AAAA in one field (SPEC §5: no spaces), which screen readers
/// and mobile keyboards handle better than three boxes or a date picker.
struct DateInput: Component {
    var name: String
    var label: String
    var value: String = ""
    var hint: String? = nil
    var error: String? = nil
    var isRequired: Bool = true
    var autocomplete: String? = nil

    var body: Component {
        TextInput(name: name, label: label, value: value,
                  hint: [hint, "Format : JJ/MM/AAAA, par exemple 14/07/2026."].compactMap { $0 }.joined(separator: " "),
                  error: error, isRequired: isRequired, autocomplete: autocomplete, inputMode: "numeric",
                  maxLength: 10, width: "date")
    }
}
