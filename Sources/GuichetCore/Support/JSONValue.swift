import Foundation

/// Any JSON document, decoded without a schema, so that definition files can be checked
/// key by key with messages that name the exact place of a mistake.
public indirect enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue], order: [String])

    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: AnyKey.self) {
            var values: [String: JSONValue] = [:]
            // `allKeys` does not keep the file's order; sorting keeps messages stable.
            let keys = container.allKeys.map(\.stringValue).sorted()
            for key in keys {
                values[key] = try container.decode(JSONValue.self, forKey: AnyKey(key))
            }
            self = .object(values, order: keys)
            return
        }
        if var container = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !container.isAtEnd { items.append(try container.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let bool = try? single.decode(Bool.self) { self = .bool(bool) }
        else if let number = try? single.decode(Double.self) { self = .number(number) }
        else { self = .string(try single.decode(String.self)) }
    }

    /// Parses JSON text; the error says where the text stops being JSON.
    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error {
                let underlying = (context.underlyingError as NSError?).map { error in
                    (error.userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
                }
                throw JSONSyntaxError(detail: underlying ?? context.debugDescription)
            }
            throw JSONSyntaxError(detail: String(describing: error))
        } catch {
            throw JSONSyntaxError(detail: String(describing: error))
        }
    }

    /// How the value is called in a message: "a string", "an array"…
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    public let detail: String
    public var description: String { "not valid JSON: \(detail)" }
}
