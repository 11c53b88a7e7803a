import Fluent
import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetOperations
import Testing
import Vapor
import VaporTesting

/// An answer of the partner API, already checked against `openapi.json`.
struct APIResponse {
    let status: HTTPResponseStatus
    let headers: HTTPHeaders
    let body: Data

    var json: JSONValue? { try? JSONValue.parse(body) }
    var text: String { String(decoding: body, as: UTF8.self) }

    /// `field.sub` in the JSON body.
    func value(_ path: String) -> JSONValue? {
        var node = json
        for part in path.split(separator: ".") {
            if let index = Int(part), case .array(let items)? = node {
                node = index < items.count ? items[index] : nil
            } else if case .object(let fields, _)? = node {
                node = fields[String(part)]
            } else {
                return nil
            }
        }
        return node
    }

    func string(_ path: String) -> String? {
        if case .string(let text)? = value(path) { return text }
        return nil
    }

    func number(_ path: String) -> Int? {
        if case .number(let number)? = value(path) { return Int(number) }
        return nil
    }

    func array(_ path: String) -> [JSONValue] {
        if case .array(let items)? = value(path) { return items }
        return []
    }

    var code: String? { string("code") }
}

extension TestApp {
    /// A request to the partner API with a bearer key (nil: none); every answer is
    /// validated against the OpenAPI document and the test fails on any difference.
    func api(_ method: HTTPMethod, _ path: String, key: String?, json: String? = nil, contentType: String? = "application/json",
             headers extra: HTTPHeaders = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIResponse {
        var headers = extra
        if let key { headers.replaceOrAdd(name: .authorization, value: "Bearer \(key)") }
        if json != nil, let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
        let body = Data(response.body.readableBytesView)
        let answer = APIResponse(status: response.status, headers: response.headers, body: body)
        let problems = OpenAPIConformance.shared.problems(method: method, path: path, status: response.status.code,
                                                          contentType: response.headers.first(name: .contentType), body: body)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))", sourceLocation: sourceLocation)
        #expect(response.headers.first(name: .contentType)?.contains("text/html") != true, "HTML under /api/", sourceLocation: sourceLocation)
        return answer
    }

    /// A new key of an organisation.
    func partnerKey(_ organisation: String, name: String? = nil, readOnly: Bool = false, expiresInDays: Int? = nil) async throws -> String {
        let context = OperationContext(guichet: app.guichet, db: db, clientAddress: "exploitant")
        return try await PartnerAccess.create(organisationKey: organisation, name: name ?? "Logiciel \(organisation)", readOnly: readOnly,
                                              expiresInDays: expiresInDays, in: context).secret
    }

    var operatorContext: OperationContext { OperationContext(guichet: app.guichet, db: db, clientAddress: "exploitant") }
}
