import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// Reading request bodies strictly and writing answers: a body is JSON or nothing, an
/// object, and holds only the fields the route knows (a misspelt field is an error,
/// not silently ignored).
enum JSONBody {
    static let maximumBytes = 64 * 1024

    /// The raw body (at most 64 KB).
    static func bytes(_ request: Request) async throws -> Data {
        // A body already collected (the route's own limit) is checked again here, so the
        // limit holds whoever collected it.
        if let collected = request.body.data {
            guard collected.readableBytes <= maximumBytes else { throw Abort(.payloadTooLarge) }
            return Data(collected.readableBytesView)
        }
        guard let buffer = try await request.body.collect(max: maximumBytes).get() else { return Data() }
        return Data(buffer.readableBytesView)
    }

    /// The body's fields; an empty body is an empty object.
    static func object(_ data: Data, request: Request, allowed: Set<String>) throws -> [String: JSONValue] {
        guard !data.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) else { return [:] }
        guard let type = request.headers.contentType, type.type == "application",
              type.subType == "json" || type.subType.hasSuffix("+json") else { throw ProblemError.unsupportedMediaType }
        let value: JSONValue
        do {
            value = try JSONValue.parseQuickly(data)
        } catch {
            throw ProblemError.malformedJSON("Le corps n'est pas du JSON valide : \(error.detail)")
        }
        if let repeated = JSONValue.firstDuplicateKey(data) {
            throw ProblemError.malformedJSON("Le champ « \(repeated) » est répété : chaque champ ne peut figurer qu'une fois.")
        }
        guard case .object(let fields, let order) = value else {
            throw ProblemError.invalid([.init(field: "", code: "type", message: "Le corps doit être un objet JSON.")])
        }
        let unknown = order.filter { !allowed.contains($0) }
        if !unknown.isEmpty {
            throw ProblemError.invalid(unknown.map {
                .init(field: $0, code: "unknown-field", message: "Champ inconnu ; champs acceptés : \(allowed.sorted().joined(separator: ", ")).")
            })
        }
        return fields
    }

    /// An optional string field (absent or null: nil).
    static func optionalString(_ fields: [String: JSONValue], _ name: String, errors: inout [Problem.FieldError]) -> String? {
        switch fields[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default:
            errors.append(.init(field: name, code: "type", message: "Une chaîne de caractères est attendue."))
            return nil
        }
    }

    static func encoder() -> JSONEncoder { PartnerEventJSON.encoder() }

    static func encode(_ value: some Encodable) -> Data {
        (try? encoder().encode(value)) ?? Data("{}".utf8)
    }

    /// A JSON answer.
    static func response(_ value: some Encodable, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(data: encode(value)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        return response
    }
}

/// An optional value written as `null` when absent (Swift's synthesized encoding would
/// leave the key out): every documented key is always there.
@propertyWrapper
struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

/// Query parameters, read strictly: a value that is there but wrong is a 422 naming it.
struct QueryParameters {
    let request: Request
    var errors: [Problem.FieldError] = []

    init(_ request: Request) { self.request = request }

    func raw(_ name: String) -> String? {
        guard let query = request.url.query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first.map(String.init)?.removingPercentEncoding == name else { continue }
            let value = parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ") : ""
            return value.removingPercentEncoding ?? value
        }
        return nil
    }

    mutating func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
        guard let text = raw(name) else { return fallback }
        guard text.count <= 19, text.allSatisfy(\.isASCII), let value = Int(text), range.contains(value) else {
            errors.append(.init(field: name, code: "invalid", message: "Un nombre entier de \(range.lowerBound) à \(range.upperBound) est attendu."))
            return fallback
        }
        return value
    }

    mutating func state(_ name: String) -> TransmissionState? {
        guard let text = raw(name) else { return nil }
        guard let state = TransmissionState(slug: text) else {
            errors.append(.init(field: name, code: "invalid",
                                message: "Valeurs acceptées : \(TransmissionState.allCases.map(\.slug).joined(separator: ", "))."))
            return nil
        }
        return state
    }

    mutating func identifier(_ name: String) -> String? {
        guard let text = raw(name), !text.isEmpty else { return nil }
        guard text.count <= 100 else {
            errors.append(.init(field: name, code: "too-long", message: "100 caractères au plus."))
            return nil
        }
        return text
    }

    /// A keyset cursor given by a previous page; a malformed one is a 400.
    func cursor(_ name: String) throws -> UUID? {
        guard let text = raw(name) else { return nil }
        guard let id = Cursor.decode(text) else { throw ProblemError.invalidCursor }
        return id
    }

    func check() throws {
        if !errors.isEmpty { throw ProblemError.invalid(errors) }
    }
}

/// Opaque page cursors: the id of the last item, in 22 characters of base64url.
enum Cursor {
    static func encode(_ id: UUID) -> String {
        Data(withUnsafeBytes(of: id.uuid) { Array($0) }).base64URLEncodedString()
    }

    static func decode(_ text: String) -> UUID? {
        guard text.count == 22, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        let base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=="
        guard let data = Data(base64Encoded: base64), data.count == 16 else { return nil }
        let b = Array(data)
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}
