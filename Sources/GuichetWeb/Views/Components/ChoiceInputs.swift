@preconcurrency import Plot

/// One option of a select, radio group or checkbox group.
struct Choice: Sendable, Equatable {
    let value: String
    let label: String
    var hint: String? = nil
}

/// A drop-down list. The first, empty option asks the user to choose, so nothing is
/// selected on their behalf.
struct SelectInput: Component {
    var name: String
    var label: String
    var choices: [Choice]
    var selected: String = ""
    var hint: String? = nil
    var error: String? = nil
    var isRequired: Bool = true
    var placeholder: String = "Sélectionnez une option"

    var body: Component {
        let ids = FieldIDs(name: name)
        return HTML.el("div", .class(FieldParts.wrapperClass(error: error))) {
            FieldParts.label(label, ids: ids, optional: !isRequired)
            FieldParts.hint(hint, ids: ids)
            FieldParts.error(error, ids: ids)
            HTML.el("select", .id(ids.input), .name(name), .class("input select"),
                    .aria("describedby", ids.describedBy(hint: hint != nil, error: error != nil)),
                    .aria("invalid", error == nil ? nil : "true"), .flag("required", isRequired)) {
                HTML.el("option", .value("")) { HTML.text(placeholder) }
                for choice in choices {
                    HTML.el("option", .value(choice.value), .flag("selected", choice.value == selected)) {
                        HTML.text(choice.label)
                    }
                }
            }
        }
    }
}

/// Radio buttons or checkboxes in a fieldset whose legend is the question. The error
/// summary links to the first option, which carries the group's id.
struct ChoiceGroup: Component {
    enum Kind { case radio, checkbox }

    var kind: Kind
    var name: String
    var legend: String
    var choices: [Choice]
    var selected: [String] = []
    var hint: String? = nil
    var error: String? = nil
    var isRequired: Bool = true
    var isInline: Bool = false

    var body: Component {
        let ids = FieldIDs(name: name)
        return HTML.el("div", .class(FieldParts.wrapperClass(error: error))) {
            HTML.el("fieldset", .class("fieldset"),
                    .aria("describedby", ids.describedBy(hint: hint != nil, error: error != nil))) {
                HTML.el("legend", .class("fieldset__legend")) {
                    HTML.text(legend)
                    if !isRequired { HTML.el("span", .class("field__optional")) { HTML.text(" (facultatif)") } }
                }
                FieldParts.hint(hint, ids: ids)
                FieldParts.error(error, ids: ids)
                HTML.el("div", .class(isInline ? "choices choices--inline" : "choices")) {
                    for (index, choice) in choices.enumerated() {
                        let optionID = index == 0 ? ids.input : "\(ids.input)-\(index + 1)"
                        let optionHintID = optionID + "-aide"
                        HTML.el("div", .class("choice")) {
                            HTML.void("input", .id(optionID), .name(name),
                                      .type(kind == .radio ? "radio" : "checkbox"), .value(choice.value),
                                      .class("choice__input"),
                                      .aria("describedby", choice.hint == nil ? nil : optionHintID),
                                      .flag("checked", selected.contains(choice.value)))
                            HTML.el("label", .class("choice__label"), .for(optionID)) { HTML.text(choice.label) }
                            if let hint = choice.hint {
                                HTML.el("p", .class("choice__hint"), .id(optionHintID)) { HTML.text(hint) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A single checkbox that states something the user agrees to or chooses.
struct SingleCheckbox: Component {
    var name: String
    var label: String
    var isChecked: Bool = false
    var hint: String? = nil
    var error: String? = nil

    var body: Component {
        let ids = FieldIDs(name: name)
        return HTML.el("div", .class(FieldParts.wrapperClass(error: error))) {
            FieldParts.error(error, ids: ids)
            HTML.el("div", .class("choice")) {
                HTML.void("input", .id(ids.input), .name(name), .type("checkbox"), .value("oui"),
                          .class("choice__input"),
                          .aria("describedby", ids.describedBy(hint: hint != nil, error: error != nil)),
                          .aria("invalid", error == nil ? nil : "true"),
                          .flag("checked", isChecked))
                HTML.el("label", .class("choice__label"), .for(ids.input)) { HTML.text(label) }
                FieldParts.hint(hint, ids: ids)
            }
        }
    }
}
