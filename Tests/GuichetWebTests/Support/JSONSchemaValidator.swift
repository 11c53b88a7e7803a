import Foundation
import GuichetCore

/// The JSON Schema (2020-12) subset `openapi.json` uses: `$ref`, `type` (one or a list),
/// `enum`, `properties`, `required`, `additionalProperties: false`, `items`, `anyOf`,
/// `oneOf`, bounds, lengths, `pattern` and the `date-time`, `date` and `uuid` formats.
/// Enough to fail a test whenever a response drifts from the document.
struct JSONSchemaValidator {
    /// The document `$ref`s point into.
    let root: JSONValue

    func errors(_ value: JSONValue, schema: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let rules, _) = schema else { return [] }
        if case .string(let reference)? = rules["$ref"] {
            guard let target = resolve(reference) else { return ["\(path): unresolvable $ref \(reference)"] }
            return errors(value, schema: target, at: path)
        }
        var found: [String] = []
        if let types = rules["type"] {
            let allowed: [String] = switch types {
            case .string(let one): [one]
            case .array(let many): many.compactMap { if case .string(let name) = $0 { name } else { nil } }
            default: []
            }
            if !allowed.contains(where: { Self.matches(value, type: $0) }) {
                return ["\(path): expected \(allowed.joined(separator: " or ")), got \(value.kindDescription)"]
            }
        }
        if case .array(let options)? = rules["enum"], !options.contains(value) {
            found.append("\(path): \(Self.text(value)) is not one of the enumerated values")
        }
        if case .array(let schemas)? = rules["anyOf"], !schemas.contains(where: { errors(value, schema: $0, at: path).isEmpty }) {
            found.append("\(path): matches none of anyOf")
        }
        if case .array(let schemas)? = rules["oneOf"] {
            let matching = schemas.filter { errors(value, schema: $0, at: path).isEmpty }.count
            if matching != 1 { found.append("\(path): matches \(matching) of oneOf") }
        }
        switch value {
        case .object(let fields, _):
            let properties: [String: JSONValue]
            if case .object(let declared, _)? = rules["properties"] { properties = declared } else { properties = [:] }
            if case .array(let required)? = rules["required"] {
                for case .string(let name) in required where fields[name] == nil { found.append("\(path): missing \(name)") }
            }
            for (name, field) in fields {
                if let property = properties[name] {
                    found += errors(field, schema: property, at: "\(path).\(name)")
                } else if case .bool(false)? = rules["additionalProperties"] {
                    found.append("\(path): undocumented property \(name)")
                }
            }
        case .array(let items):
            if let item = rules["items"] {
                for (index, element) in items.enumerated() { found += errors(element, schema: item, at: "\(path)[\(index)]") }
            }
        case .string(let text):
            if case .number(let minimum)? = rules["minLength"], Double(text.count) < minimum { found.append("\(path): shorter than \(minimum)") }
            if case .number(let maximum)? = rules["maxLength"], Double(text.count) > maximum { found.append("\(path): longer than \(maximum)") }
            if case .string(let pattern)? = rules["pattern"], text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): \(text) does not match \(pattern)")
            }
            if case .string(let format)? = rules["format"], !Self.conforms(text, format: format) {
                found.append("\(path): \(text) is not a \(format)")
            }
        case .number(let number):
            if case .number(let minimum)? = rules["minimum"], number < minimum { found.append("\(path): below \(minimum)") }
            if case .number(let maximum)? = rules["maximum"], number > maximum { found.append("\(path): above \(maximum)") }
        default:
            break
        }
        return found
    }

    /// A local reference: `#/components/schemas/Problem`.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard case .object(let fields, _) = node, let next = fields[String(part)] else { return nil }
            node = next
        }
        return node
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number): true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }

    static func conforms(_ text: String, format: String) -> Bool {
        switch format {
        case "date-time": (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) != nil
            || (try? Date(text, strategy: Date.ISO8601FormatStyle())) != nil
        case "date": text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
        case "uuid": UUID(uuidString: text) != nil && text == text.lowercased()
        default: true
        }
    }

    static func text(_ value: JSONValue) -> String {
        if case .string(let string) = value { return "\"\(string)\"" }
        return value.kindDescription
    }
}
