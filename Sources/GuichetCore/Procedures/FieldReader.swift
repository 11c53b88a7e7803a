import Foundation

extension ProcedureReader {
    /// A field and its rules; each rule is checked against the field's type.
    /// `organisations`: the declared organisations' names, by id (for `fileNumbers`).
    static func readField(_ reader: ObjectReader, organisations names: [String: String]) -> FieldDefinition? {
        let id = reader.string("id")
        if let id, !isFieldID(id) {
            reader.report("id", "\"\(id)\" must start with a letter and use letters, digits and underscores only")
        }
        let type = readEnum(reader, "type", FieldType.self)
        let label = reader.string("label")
        let hint = reader.string("hint", required: false)
        let required = reader.bool("required", default: true)
        let multiline = reader.bool("multiline", default: false)
        let minLength = reader.int("minLength")
        let maxLength = reader.int("maxLength")
        let pattern = reader.string("pattern", required: false)
        let patternMessage = reader.string("patternMessage", required: false)
        let minimum = reader.int("minimum")
        let maximum = reader.int("maximum")
        let notBefore = readDateBound(reader, "notBefore")
        let notAfter = readDateBound(reader, "notAfter")
        let notBeforeMessage = reader.string("notBeforeMessage", required: false)
        let notAfterMessage = reader.string("notAfterMessage", required: false)
        let choices = (reader.objects("choices", required: false) ?? []).compactMap(readChoice)
        let prefillReference = reader.string("prefill", required: false)
        let organisations = reader.strings("organisations", required: false) ?? []
        reader.finish(known: fieldKeys)
        guard let type else { return nil }

        func onlyFor(_ key: String, _ types: Set<FieldType>, present: Bool) {
            if present, !types.contains(type) {
                reader.report(key, "does not apply to a \(type.rawValue) field (only to: \(types.map(\.rawValue).sorted().joined(separator: ", ")))")
            }
        }
        onlyFor("multiline", [.text], present: multiline)
        onlyFor("minLength", [.text], present: minLength != nil)
        onlyFor("maxLength", [.text], present: maxLength != nil)
        onlyFor("pattern", [.text], present: pattern != nil)
        onlyFor("minimum", [.number], present: minimum != nil)
        onlyFor("maximum", [.number], present: maximum != nil)
        onlyFor("notBefore", [.date], present: notBefore != nil)
        onlyFor("notAfter", [.date], present: notAfter != nil)
        onlyFor("choices", [.choice, .checkboxes], present: reader.has("choices"))
        onlyFor("organisations", [.fileNumbers], present: reader.has("organisations"))
        if type == .fileNumbers {
            if organisations.isEmpty { reader.report("organisations", "is required for a fileNumbers field: list the organisations offered") }
            var listed: Set<String> = []
            for (index, id) in organisations.enumerated() {
                if !listed.insert(id).inserted { reader.report("organisations[\(index)]", "\"\(id)\" is listed twice") }
                if names[id] == nil {
                    reader.report("organisations[\(index)]", "unknown organisation \"\(id)\"; declare it in \(ProcedureLoader.organisationsFile)")
                } else if FileNumberRule(organisation: id) == nil {
                    reader.report("organisations[\(index)]", "\"\(id)\" has no file-number rule; organisations with one: \(FileNumberRule.organisations.joined(separator: ", "))")
                }
            }
        }

        if let minLength, minLength < 0 { reader.report("minLength", "must not be negative") }
        if let maxLength, maxLength < 1 || maxLength > 10_000 { reader.report("maxLength", "must be between 1 and 10000") }
        if let minLength, let maxLength, minLength > maxLength { reader.report("minLength", "is larger than maxLength") }
        if let minimum, let maximum, minimum > maximum { reader.report("minimum", "is larger than maximum") }
        let compiled = pattern.flatMap(FieldPattern.init)
        if let pattern {
            if compiled == nil { reader.report("pattern", "\"\(pattern)\" is not a valid regular expression") }
            if patternMessage == nil { reader.report("patternMessage", "is required with \"pattern\": say in French what the answer must look like") }
        } else if patternMessage != nil {
            reader.report("patternMessage", "has no \"pattern\" to explain")
        }
        if notBeforeMessage != nil, notBefore == nil { reader.report("notBeforeMessage", "has no \"notBefore\" to explain") }
        if notAfterMessage != nil, notAfter == nil { reader.report("notAfterMessage", "has no \"notAfter\" to explain") }
        if type == .choice || type == .checkboxes, choices.isEmpty {
            reader.report("choices", reader.has("choices") ? "must hold at least one choice" : "is required for a \(type.rawValue) field")
        }
        var values: Set<String> = []
        for (index, choice) in choices.enumerated() where !values.insert(choice.value).inserted {
            reader.report("choices[\(index)].value", "duplicate value \"\(choice.value)\"")
        }

        var prefill: ProfileBinding?
        if let prefillReference {
            if let binding = ProfileBinding(reference: prefillReference) {
                if !binding.compatibleTypes.contains(type) {
                    reader.report("prefill", "\"\(prefillReference)\" fills \(binding.compatibleTypes.map(\.rawValue).sorted().joined(separator: " or ")) fields, not a \(type.rawValue) field")
                } else if binding == .civility, !Civility.allCases.allSatisfy({ civility in choices.contains { $0.value == civility.rawValue } }) {
                    reader.report("prefill", "\"\(prefillReference)\" needs the choices \(Civility.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " and "))")
                } else {
                    prefill = binding
                }
            } else {
                reader.report("prefill", "unknown binding \"\(prefillReference)\"; known: \(ProfileBinding.allCases.map(\.reference).joined(separator: ", "))")
            }
        }

        guard let id, let label else { return nil }
        return FieldDefinition(id: id, type: type, label: label, hint: hint, required: required, multiline: multiline,
                               minLength: minLength, maxLength: maxLength, pattern: compiled, patternMessage: patternMessage,
                               minimum: minimum, maximum: maximum, notBefore: notBefore, notAfter: notAfter,
                               notBeforeMessage: notBeforeMessage, notAfterMessage: notAfterMessage, choices: choices,
                               prefill: prefill,
                               organisations: organisations.map { ChoiceOption(value: $0, label: names[$0] ?? $0) })
    }

    /// Field ids become form names (`adresse.codePostal` for the parts of an address).
    static func isFieldID(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter, text.count <= 60 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    static func readDateBound(_ reader: ObjectReader, _ key: String) -> DateBound? {
        guard let text = reader.string(key, required: false) else { return nil }
        guard let bound = DateBound(text) else {
            reader.report(key, "\"\(text)\" is not a date limit; write today, today-16y, today+3m, today-30d or AAAA-MM-JJ")
            return nil
        }
        return bound
    }

    static func readChoice(_ reader: ObjectReader) -> ChoiceOption? {
        let value = reader.string("value")
        let label = reader.string("label")
        reader.finish(known: ["value", "label"])
        guard let value, let label else { return nil }
        return ChoiceOption(value: value, label: label)
    }
}
