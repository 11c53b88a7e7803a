import Foundation
import GuichetCore
@testable import GuichetPartnerAPI
@testable import GuichetWeb
import Testing
import Vapor

/// `openapi.json` is true to the code, and `/api` explains it to developers.
@Suite struct PartnerAPIDocumentTests {
    @Test func theDocumentIsServedAndDescribesEveryRoute() async throws {
        try await withApp { app in
            let response = try await app.api(.GET, "/api/v1/openapi.json", key: nil)
            #expect(response.status == .ok)
            #expect(response.string("openapi") == "3.1.0")
            let documented = Set(OpenAPIConformance.shared.operations.map { "\($0.method) /api/v1\($0.path)" })
            let routed = Set(app.app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                return path.hasPrefix("/api/v1/") ? "\(route.method.rawValue) \(path)" : nil
            })
            #expect(documented == routed, "documented but not routed: \(documented.subtracting(routed)); routed but not documented: \(routed.subtracting(documented))")
        }
    }

    @Test func everyReferenceOfTheDocumentResolves() throws {
        let conformance = OpenAPIConformance.shared
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let fields, _):
                if case .string(let reference)? = fields["$ref"] { references.append(reference) }
                fields.values.forEach(collect)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(conformance.document)
        #expect(references.count > 40)
        for reference in Set(references) { #expect(conformance.validator.resolve(reference) != nil, "\(reference)") }
    }

    /// The messages' pattern in the document is the rule the tracking operation applies.
    @Test func theMessagePatternIsTheTrackingRule() throws {
        var patterns: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let fields, _):
                if case .string(let pattern)? = fields["pattern"], pattern.hasPrefix("^[^\\u0000") { patterns.append(pattern) }
                fields.values.forEach(collect)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(OpenAPIConformance.shared.document)
        #expect(patterns.count == 2 && patterns.allSatisfy { $0 == TrackingMessage.allowedPattern }, "\(patterns)")
    }

    @Test func theValidatorCatchesDrift() {
        let conformance = OpenAPIConformance.shared
        let good = Data(#"{"events": [], "next_after": 0}"#.utf8)
        #expect(conformance.problems(method: .GET, path: "/api/v1/events", status: 200, contentType: "application/json", body: good).isEmpty)
        for body in [#"{"events": []}"#, #"{"events": [], "next_after": "0"}"#, #"{"events": [], "next_after": 0, "extra": 1}"#] {
            #expect(!conformance.problems(method: .GET, path: "/api/v1/events", status: 200, contentType: "application/json",
                                          body: Data(body.utf8)).isEmpty, "\(body)")
        }
        #expect(!conformance.problems(method: .GET, path: "/api/v1/events", status: 418, contentType: "application/json", body: good).isEmpty)
        #expect(!conformance.problems(method: .GET, path: "/api/v1/events", status: 200, contentType: "text/html", body: good).isEmpty)
    }

    @Test func everyProblemCodeIsDocumentedWithAnAnchor() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/api")
            #expect(page.status == .ok && page.heading == "API des organismes partenaires")
            let schema = try #require(OpenAPIConformance.shared.validator.resolve("#/components/schemas/Problem"))
            guard case .object(let fields, _) = schema, case .object(let properties, _)? = fields["properties"],
                  case .object(let code, _)? = properties["code"], case .array(let codes)? = code["enum"] else { throw CancellationError() }
            let documented = Set(PartnerAPIDocumentationPage.errors.map(\.code))
            for case .string(let name) in codes where name != "internal-error" {
                #expect(documented.contains(name), "\(name) has no row on /api")
                #expect(page.contains("id=\"\(name)\""), "\(name) has no anchor")
            }
            for text in ["Authorization: Bearer", "next_cursor", "Guichet-Signature", "hmac.compare_digest", "Idempotency-Key",
                         "/api/v1/openapi.json", "RateLimit-Remaining", "guichet partner-key create"] {
                #expect(page.contains(text), "\(text)")
            }
        }
    }

    @Test func aProblemsTypePointsToItsExplanation() async throws {
        try await withApp { app in
            let response = try await app.api(.GET, "/api/v1/dossiers", key: nil)
            #expect(response.string("type") == "http://127.0.0.1:8080/api#unauthorized")
        }
    }
}
