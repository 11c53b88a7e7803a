import Foundation
import GuichetCore
import GuichetOperations
import GuichetStore
import Vapor

/// `Authorization: Bearer <key>` on every route but the OpenAPI document, then the
/// key's rate limit; the `RateLimit-*` headers go on every answer. Failed attempts are
/// limited per client address, so guessing keys is slow as well as hopeless.
struct BearerAuthMiddleware: AsyncMiddleware {
    static let failedAttempts = RateLimitRule(name: "partner-auth-failures", limit: 30, window: 60)

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let context = request.operations
        let presented = Self.bearer(request.headers)
        guard let presented, let caller = try await PartnerAccess.authenticate(presented, in: context) else {
            request.portal.metrics.event("partner_auth_failed")
            guard try await RateLimiter.hit(Self.failedAttempts, subject: context.clientLimitKey, now: context.now, on: context.db) else {
                let rule = Self.failedAttempts
                let wait = max(1, Int(rule.windowEnd(at: context.now).timeIntervalSince(context.now).rounded(.up)))
                throw ProblemError(status: .tooManyRequests, code: "rate-limited", title: "Trop de requêtes",
                                   detail: "Trop d'essais avec des clés refusées depuis cette adresse : réessayez dans \(wait) secondes.",
                                   headers: ["Retry-After": String(wait)])
            }
            throw ProblemError.unauthorized(presented: presented != nil)
        }
        request.storage[CallerKey.self] = caller
        // Every later log line of the request, the request log's included, names the key.
        request.logger[metadataKey: "partner_key"] = .string(caller.keyID.uuidString.lowercased())
        request.logger[metadataKey: "organisation"] = .string(caller.organisationKey)
        let quota = try await PartnerAccess.meter(caller, in: context)
        let headers: HTTPHeaders = [
            "RateLimit-Limit": String(quota.limit),
            "RateLimit-Remaining": String(max(quota.remaining, 0)),
            "RateLimit-Reset": String(quota.resetSeconds),
        ]
        let response: Response
        if quota.exceeded {
            response = ProblemMiddleware.response(for: .rateLimited(retryAfter: quota.resetSeconds), request: request)
        } else {
            do {
                response = try await next.respond(to: request)
            } catch {
                response = ProblemMiddleware.response(for: ProblemMiddleware.problem(for: error, request: request), request: request)
            }
        }
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    /// The key of `Authorization: Bearer <key>` (the scheme in any case).
    static func bearer(_ headers: HTTPHeaders) -> String? {
        guard let value = headers.first(name: .authorization) else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let key = parts[1].trimmingCharacters(in: .whitespaces)
        return key.isEmpty ? nil : key
    }

    struct CallerKey: StorageKey { typealias Value = PartnerCaller }
}

extension Request {
    /// The organisation calling (set by `BearerAuthMiddleware`).
    var caller: PartnerCaller {
        get throws {
            guard let caller = storage[BearerAuthMiddleware.CallerKey.self] else { throw ProblemError.unauthorized(presented: false) }
            return caller
        }
    }

    /// Writes need a key that is not read-only.
    var writingCaller: PartnerCaller {
        get throws {
            let caller = try caller
            guard !caller.readOnly else { throw ProblemError.readOnly }
            return caller
        }
    }
}
