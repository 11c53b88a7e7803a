import Foundation
import GuichetCore
import GuichetTestSupport
import Testing
import Vapor

/// Checks a response of the partner API against `openapi.json`: the operation exists,
/// the status is documented for it, the content type is the documented one and the
/// body validates against its schema. A test fails on any drift.
struct OpenAPIConformance: Sendable {
    static let shared = OpenAPIConformance()

    let document: JSONValue
    var validator: JSONSchemaValidator { JSONSchemaValidator(root: document) }

    init() {
        let url = Corpus.repositoryRoot.appendingPathComponent("Sources/GuichetPartnerAPI/Resources/openapi.json")
        document = (try? JSONValue.parse(try Data(contentsOf: url))) ?? .null
    }

    /// The problems with one response; empty when it conforms.
    func problems(method: HTTPMethod, path: String, status: UInt, contentType: String?, body: Data) -> [String] {
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        // Outside the API's paths only a problem 404 can answer.
        guard bare.hasPrefix("/api/v1/") else { return status == 404 ? problemBody(contentType: contentType, body: body) : ["\(bare): \(status)"] }
        let relative = String(bare.dropFirst("/api/v1".count))
        guard let operation = operation(method: method, path: relative) else {
            // Not an operation of the document: only a problem 404/405 is allowed.
            return status == 404 || status == 405 ? problemBody(contentType: contentType, body: body) : ["\(method) \(relative): not documented"]
        }
        guard case .object(let responses, _)? = field(operation, "responses"),
              var response = responses[String(status)] else { return ["\(method) \(relative): status \(status) is not documented"] }
        if case .string(let reference)? = field(response, "$ref"), let resolved = validator.resolve(reference) { response = resolved }
        guard case .object(let contents, _)? = field(response, "content") else {
            return body.isEmpty ? [] : ["\(method) \(relative) \(status): a body where none is documented"]
        }
        let media = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let content = contents[media] else {
            return ["\(method) \(relative) \(status): content type \(media) is not documented (\(contents.keys.sorted()))"]
        }
        if media == "application/pdf" { return body.starts(with: Data("%PDF-".utf8)) ? [] : ["\(relative): not a PDF"] }
        guard let schema = field(content, "schema") else { return [] }
        guard let json = try? JSONValue.parse(body) else { return ["\(method) \(relative) \(status): the body is not JSON"] }
        return validator.errors(json, schema: schema).map { "\(method) \(relative) \(status): \($0)" }
    }

    private func problemBody(contentType: String?, body: Data) -> [String] {
        guard contentType?.hasPrefix("application/problem+json") == true, let json = try? JSONValue.parse(body),
              let schema = validator.resolve("#/components/schemas/Problem") else { return ["not a problem document"] }
        return validator.errors(json, schema: schema)
    }

    /// The operation whose path template matches (`/dossiers/{reference}`).
    func operation(method: HTTPMethod, path: String) -> JSONValue? {
        guard case .object(let paths, _)? = field(document, "paths") else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (template, item) in paths {
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == segments.count,
                  zip(parts, segments).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }) else { continue }
            if let operation = field(item, method.rawValue.lowercased()) { return operation }
        }
        return nil
    }

    /// Every documented (method, path template).
    var operations: [(method: String, path: String)] {
        guard case .object(let paths, _)? = field(document, "paths") else { return [] }
        return paths.flatMap { template, item -> [(method: String, path: String)] in
            guard case .object(let methods, _) = item else { return [] }
            return methods.keys.map { (method: $0.uppercased(), path: template) }
        }
    }

    func field(_ value: JSONValue, _ name: String) -> JSONValue? {
        guard case .object(let fields, _) = value else { return nil }
        return fields[name]
    }
}
