import Foundation

/// One procedure file: reads every key, checks every rule, and reports each mistake at
/// its path (`steps[1].fields[2].type`).
enum ProcedureReader {
    static let keys = ["id", "title", "description", "nature", "themes", "audiences", "processedBy", "accountRequired",
                       "savingOffered", "cerfa", "available", "keywords", "afterSubmission", "contactEmailField", "steps", "updatesProfile"]
    static let stepKeys = ["title", "intro", "fields"]
    static let fieldKeys = ["id", "type", "label", "hint", "required", "multiline", "minLength", "maxLength", "pattern",
                            "patternMessage", "minimum", "maximum", "notBefore", "notAfter", "notBeforeMessage",
                            "notAfterMessage", "choices", "prefill", "organisations"]

    /// `names`: the declared organisations, by id.
    static func read(_ data: Data, file: String, organisations names: [String: String], problems: inout [DefinitionProblem]) -> Procedure? {
        let organisations = Set(names.keys)
        guard let json = ProcedureLoader.parse(data, file: file, problems: &problems) else { return nil }
        let list = ProblemList(file: file)
        defer { problems += list.problems }
        guard let reader = ObjectReader(json, path: "", problems: list) else { return nil }

        let id = reader.string("id")
        if let id {
            if !ProcedureLoader.isSlug(id) { reader.report("id", "\"\(id)\" must use lower-case letters, digits and hyphens only") }
            else if file != id + ".json" { reader.report("id", "\"\(id)\" must match the file name (expected \(id).json)") }
        }
        let title = reader.string("title")
        let description = reader.string("description")
        let nature = readEnum(reader, "nature", ProcedureNature.self)
        let themes = readEnumList(reader, "themes", ProcedureTheme.self)
        let audiences = readEnumList(reader, "audiences", Audience.self)
        let accountRequired = reader.bool("accountRequired", default: true)
        let savingOffered = reader.bool("savingOffered", default: true)
        let available = reader.bool("available", default: true)
        let cerfa = reader.string("cerfa", required: false)
        if let cerfa, !isCERFANumber(cerfa) {
            reader.report("cerfa", "\"\(cerfa)\" must look like 12669*02 (five digits, a star, two digits)")
        }
        let keywords = reader.strings("keywords", required: false) ?? []
        let filledOnline = available && (nature?.isFilledOnline ?? false)
        let afterSubmission = reader.string("afterSubmission", required: filledOnline) ?? ""
        let contactEmailField = reader.string("contactEmailField", required: false)
        let steps = (reader.objects("steps", required: available) ?? []).compactMap { readStep($0, organisations: names) }
        let processedBy = (reader.objects("processedBy") ?? []).compactMap { readProcessing($0, organisations: organisations) }
        let profileUpdate = reader.object("updatesProfile", required: false).flatMap(readProfileUpdate)
        reader.finish(known: keys)

        if available, steps.isEmpty, reader.has("steps") { reader.report("steps", "must hold at least one step") }
        if reader.has("processedBy"), processedBy.isEmpty, list.problems.allSatisfy({ !$0.path.hasPrefix("processedBy[") }) {
            reader.report("processedBy", "must name at least one organisation")
        }
        let fields = steps.flatMap(\.fields)
        checkFieldIDs(fields, steps: steps, reader: reader)
        checkRouting(processedBy, fields: fields, reader: reader)
        checkContactEmail(contactEmailField, fields: fields, required: filledOnline && !accountRequired, reader: reader)
        if let profileUpdate { checkProfileUpdate(profileUpdate, fields: fields, accountRequired: accountRequired, reader: reader) }

        guard let id, let title, let description, let nature, let themes, let audiences, list.problems.isEmpty else { return nil }
        return Procedure(id: id, title: title, description: description, nature: nature, themes: themes, audiences: audiences,
                         processedBy: processedBy, accountRequired: accountRequired, savingOffered: savingOffered,
                         cerfa: cerfa, available: available, keywords: keywords, afterSubmission: afterSubmission,
                         contactEmailField: contactEmailField, steps: steps, profileUpdate: profileUpdate)
    }

    static func isCERFANumber(_ text: String) -> Bool {
        let parts = text.split(separator: "*", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count == 5 && parts[1].count == 2
            && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func readEnum<E: RawRepresentable & CaseIterable>(_ reader: ObjectReader, _ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let raw = reader.string(key) else { return nil }
        guard let value = E(rawValue: raw) else {
            reader.report(key, "unknown value \"\(raw)\"; expected one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    static func readEnumList<E: RawRepresentable & CaseIterable & Equatable>(_ reader: ObjectReader, _ key: String, _ type: E.Type) -> [E]? where E.RawValue == String {
        guard let raws = reader.strings(key) else { return nil }
        if raws.isEmpty { reader.report(key, "must hold at least one value") }
        var values: [E] = []
        for (index, raw) in raws.enumerated() {
            guard let value = E(rawValue: raw) else {
                reader.report("\(key)[\(index)]", "unknown value \"\(raw)\"; expected one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if values.contains(value) { reader.report("\(key)[\(index)]", "\"\(raw)\" is listed twice") }
            values.append(value)
        }
        return values
    }

    static func readProcessing(_ reader: ObjectReader, organisations: Set<String>) -> ProcessingOrganisation? {
        let organisation = reader.string("organisation", required: false)
        let townHallOf = reader.string("townHallOf", required: false)
        let chosenIn = reader.string("chosenIn", required: false)
        reader.finish(known: ["organisation", "townHallOf", "chosenIn"])
        switch (organisation, townHallOf ?? chosenIn) {
        case (nil, let field?) where townHallOf != nil && chosenIn != nil:
            reader.report(nil, "give \"townHallOf\" or \"chosenIn\", not both (\(field))")
            return nil
        case (nil, let field?) where chosenIn != nil:
            return .chosenIn(field: field)
        case (let id?, nil):
            guard organisations.contains(id) else {
                reader.report("organisation", "unknown organisation \"\(id)\"; declare it in \(ProcedureLoader.organisationsFile)")
                return nil
            }
            return .organisation(id)
        case (nil, let field?):
            return .townHallOf(field: field)
        default:
            reader.report(nil, "give either \"organisation\" (an id of \(ProcedureLoader.organisationsFile)), \"townHallOf\" (an address or commune field) or \"chosenIn\" (a fileNumbers field)")
            return nil
        }
    }

    static func readStep(_ reader: ObjectReader, organisations: [String: String]) -> Step? {
        let title = reader.string("title")
        let intro = reader.string("intro", required: false)
        let fields = (reader.objects("fields") ?? []).compactMap { readField($0, organisations: organisations) }
        if reader.has("fields"), fields.isEmpty { reader.report("fields", "must hold at least one field") }
        reader.finish(known: stepKeys)
        guard let title else { return nil }
        return Step(title: title, intro: intro, fields: fields)
    }

    static func checkFieldIDs(_ fields: [FieldDefinition], steps: [Step], reader: ObjectReader) {
        var seen: Set<String> = []
        for (stepIndex, step) in steps.enumerated() {
            for (fieldIndex, field) in step.fields.enumerated() where !seen.insert(field.id).inserted {
                reader.report("steps[\(stepIndex)].fields[\(fieldIndex)].id", "duplicate field id \"\(field.id)\"")
            }
        }
    }

    static func checkRouting(_ processedBy: [ProcessingOrganisation], fields: [FieldDefinition], reader: ObjectReader) {
        for (index, target) in processedBy.enumerated() {
            if case .chosenIn(let fieldID) = target {
                guard let field = fields.first(where: { $0.id == fieldID }) else {
                    reader.report("processedBy[\(index)].chosenIn", "no field \"\(fieldID)\" in this procedure")
                    continue
                }
                if field.type != .fileNumbers || !field.required {
                    reader.report("processedBy[\(index)].chosenIn", "field \"\(fieldID)\" must be a required fileNumbers field")
                }
                continue
            }
            guard case .townHallOf(let fieldID) = target else { continue }
            guard let field = fields.first(where: { $0.id == fieldID }) else {
                reader.report("processedBy[\(index)].townHallOf", "no field \"\(fieldID)\" in this procedure")
                continue
            }
            if field.type != .address && field.type != .commune {
                reader.report("processedBy[\(index)].townHallOf", "field \"\(fieldID)\" is \(field.type.rawValue); it must be an address or commune field")
            } else if !field.required {
                reader.report("processedBy[\(index)].townHallOf", "field \"\(fieldID)\" must be required: the dossier is routed by it")
            }
        }
    }

    static func readProfileUpdate(_ reader: ObjectReader) -> ProfileAddressUpdate? {
        let address = reader.string("address")
        let consent = reader.string("consent")
        reader.finish(known: ["address", "consent"])
        guard let address, let consent else { return nil }
        return ProfileAddressUpdate(addressField: address, consentField: consent)
    }

    /// The address copied into the profile and the box that allows it.
    static func checkProfileUpdate(_ update: ProfileAddressUpdate, fields: [FieldDefinition], accountRequired: Bool, reader: ObjectReader) {
        if !accountRequired { reader.report("updatesProfile", "needs \"accountRequired\": true (there is no profile without an account)") }
        if let field = fields.first(where: { $0.id == update.addressField }) {
            if field.type != .deliveryAddress && field.type != .address {
                reader.report("updatesProfile.address", "field \"\(update.addressField)\" is \(field.type.rawValue); it must be an address or deliveryAddress field")
            }
        } else {
            reader.report("updatesProfile.address", "no field \"\(update.addressField)\" in this procedure")
        }
        if let field = fields.first(where: { $0.id == update.consentField }) {
            if field.type != .checkboxes || field.choices.count != 1 || field.required {
                reader.report("updatesProfile.consent", "field \"\(update.consentField)\" must be an optional checkboxes field with one choice")
            }
        } else {
            reader.report("updatesProfile.consent", "no field \"\(update.consentField)\" in this procedure")
        }
    }

    static func checkContactEmail(_ fieldID: String?, fields: [FieldDefinition], required: Bool, reader: ObjectReader) {
        guard let fieldID else {
            if required { reader.report("contactEmailField", "is required when no account is needed: name the email field that receives the confirmation") }
            return
        }
        guard let field = fields.first(where: { $0.id == fieldID }) else {
            reader.report("contactEmailField", "no field \"\(fieldID)\" in this procedure")
            return
        }
        if field.type != .email || !field.required {
            reader.report("contactEmailField", "field \"\(fieldID)\" must be a required email field")
        }
    }
}
