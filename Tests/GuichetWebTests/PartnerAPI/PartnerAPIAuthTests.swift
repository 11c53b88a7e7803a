import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetOperations
@testable import GuichetPartnerAPI
import Testing
import Vapor

/// Bearer keys, their refusals, rate limits, and what answers under `/api/` (SPEC §6).
@Suite struct PartnerAPIAuthTests {
    @Test func withoutAKeyTheAnswerIs401WithAChallenge() async throws {
        try await withApp { app in
            let missing = try await app.api(.GET, "/api/v1/dossiers", key: nil)
            #expect(missing.status == .unauthorized && missing.code == "unauthorized")
            #expect(missing.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            #expect(missing.headers.first(name: .contentType) == "application/problem+json")

            for header in ["Basic Z3Vlc3Q6Z3Vlc3Q=", "Bearer", "Bearer gk_live_short", "Token abc"] {
                let response = try await app.api(.GET, "/api/v1/dossiers", key: nil, headers: ["Authorization": header])
                #expect(response.status == .unauthorized, "\(header)")
            }
        }
    }

    @Test func unknownRevokedAndExpiredKeysAreRefusedAlike() async throws {
        try await withApp { app in
            let unknown = PartnerKeySecret.generate()
            let revokedKey = try await app.partnerKey("caf")
            let expiring = try await app.partnerKey("caf", expiresInDays: 1)
            #expect(try await app.api(.GET, "/api/v1/dossiers", key: revokedKey).status == .ok)
            #expect(try await app.api(.GET, "/api/v1/dossiers", key: expiring).status == .ok)

            let record = try #require(try await PartnerKeys.find(tokenHash: TokenHash.sha256(revokedKey), on: app.db))
            #expect(try await PartnerAccess.revoke(try record.requireID(), in: app.operatorContext))
            app.clock.advance(by: 24 * 3600 + 1)

            var bodies: Set<String> = []
            for key in [unknown, revokedKey, expiring] {
                let response = try await app.api(.GET, "/api/v1/dossiers", key: key)
                #expect(response.status == .unauthorized)
                #expect(response.headers.first(name: .wwwAuthenticate)?.contains("invalid_token") == true)
                bodies.insert(response.string("detail") ?? "")
            }
            #expect(bodies.count == 1, "the answer does not say why")
        }
    }

    @Test func aKeyIsStoredHashedAndItsUseIsRecorded() async throws {
        try await withApp { app in
            let key = try await app.partnerKey("caf")
            #expect(key.hasPrefix("gk_live_") && key.count == 51)
            let record = try #require(try await PartnerKeys.list(organisationKey: "caf", on: app.db).first)
            #expect(record.tokenHash == TokenHash.sha256(key) && record.tokenHash != key)
            #expect(record.lastUsedAt == nil)
            _ = try await app.api(.GET, "/api/v1/events", key: key)
            #expect(try await PartnerKeys.find(try record.requireID(), on: app.db)?.lastUsedAt == app.clock.now())
        }
    }

    @Test func guessingKeysIsThrottledPerClientAddress() async throws {
        try await withApp { app in
            for _ in 0..<BearerAuthMiddleware.failedAttempts.limit {
                #expect(try await app.api(.GET, "/api/v1/dossiers", key: PartnerKeySecret.generate()).status == .unauthorized)
            }
            let throttled = try await app.api(.GET, "/api/v1/dossiers", key: PartnerKeySecret.generate())
            #expect(throttled.status == .tooManyRequests && throttled.code == "rate-limited")
            #expect(throttled.headers.first(name: "Retry-After") != nil)
        }
    }

    @Test func eachKeyHasItsRateLimitWithHeaders() async throws {
        try await withApp({ $0.partnerRateLimit = 3 }) { app in
            let key = try await app.partnerKey("caf")
            let other = try await app.partnerKey("caf")
            for remaining in [2, 1, 0] {
                let response = try await app.api(.GET, "/api/v1/events", key: key)
                #expect(response.status == .ok)
                #expect(response.headers.first(name: "RateLimit-Limit") == "3")
                #expect(response.headers.first(name: "RateLimit-Remaining") == String(remaining))
                #expect(Int(response.headers.first(name: "RateLimit-Reset") ?? "") ?? 0 > 0)
            }
            let limited = try await app.api(.GET, "/api/v1/events", key: key)
            #expect(limited.status == .tooManyRequests && limited.code == "rate-limited")
            #expect(Int(limited.headers.first(name: "Retry-After") ?? "") ?? 0 > 0)
            #expect(limited.headers.first(name: "RateLimit-Remaining") == "0")
            #expect(try await app.api(.GET, "/api/v1/events", key: other).status == .ok, "another key has its own limit")
            app.clock.advance(by: 60)
            #expect(try await app.api(.GET, "/api/v1/events", key: key).status == .ok, "a new minute")
        }
    }

    @Test func nothingUnderTheAPIIsEverAnHTMLPage() async throws {
        try await withApp { app in
            for path in ["/api/inconnu", "/api/v1", "/api/v1/", "/api/v1/nothing/here", "/api/v2/dossiers"] {
                let response = try await app.api(.GET, path, key: nil)
                #expect(response.status == .notFound || response.status == .unauthorized, "\(path): \(response.status)")
                #expect(response.headers.first(name: .contentType) == "application/problem+json", "\(path)")
                #expect(response.headers.first(name: .setCookie) == nil, "no session or CSRF cookie under /api/")
            }
            let key = try await app.partnerKey("caf")
            for (method, path, allow) in [(HTTPMethod.PUT, "/api/v1/dossiers", "GET, HEAD"), (.TRACE, "/api/v1/events", "GET, HEAD"),
                                          (.GET, "/api/v1/dossiers/A-1-7KQ2M9XHC/acknowledge", "POST"),
                                          (.DELETE, "/api/v1/dossiers/A-1-7KQ2M9XHC", "GET, HEAD")] {
                let wrongMethod = try await app.api(method, path, key: key, json: method == .GET ? nil : "{}")
                #expect(wrongMethod.status == .methodNotAllowed && wrongMethod.code == "method-not-allowed", "\(method) \(path)")
                #expect(wrongMethod.headers.first(name: .allow) == allow, "\(method) \(path)")
            }
            let head = try await app.app.testing().sendRequest(.HEAD, "/api/v1/events", headers: ["Authorization": "Bearer \(key)"])
            #expect(head.status == .ok, "HEAD is answered as GET")
        }
    }

    @Test func answersAreNeverCached() async throws {
        try await withApp { app in
            let key = try await app.partnerKey("caf")
            let response = try await app.api(.GET, "/api/v1/dossiers", key: key)
            #expect(response.headers.first(name: .cacheControl) == "no-store")
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
        }
    }
}
