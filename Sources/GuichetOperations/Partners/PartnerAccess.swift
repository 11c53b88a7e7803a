import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// The organisation calling the partner API, as its key says.
public struct PartnerCaller: Sendable, Equatable {
    public let keyID: UUID
    public let organisationKey: String
    public let keyName: String
    public let readOnly: Bool

    /// How its moves are recorded in the history.
    public var actor: Actor { .apiKey(name: keyName) }
}

/// Partner-API keys (SPEC §6): created, listed and revoked by the operator; checked on
/// every request, with a rate limit per key.
public enum PartnerAccess {
    public struct Issued: Sendable {
        public let id: UUID
        /// The key itself: shown once, never stored.
        public let secret: String
    }

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case unknownOrganisation(String)
        case invalidName
        case invalidExpiry

        public var description: String {
            switch self {
            case .unknownOrganisation(let id): "Unknown organisation \(id): use an id of organisations.json or mairie-<INSEE code>."
            case .invalidName: "The name must be 1 to 100 printable characters."
            case .invalidExpiry: "--expires-in-days must be between 1 and 3650."
            }
        }
    }

    public static func create(organisationKey: String, name: String?, readOnly: Bool, expiresInDays: Int?,
                              in context: OperationContext) async throws -> Issued {
        guard context.guichet.organisation(id: organisationKey) != nil else { throw Refusal.unknownOrganisation(organisationKey) }
        let name = name?.trimmingCharacters(in: .whitespaces) ?? "clé \(organisationKey)"
        guard (1...100).contains(name.count), !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw Refusal.invalidName
        }
        if let days = expiresInDays, !(1...3650).contains(days) { throw Refusal.invalidExpiry }
        let secret = PartnerKeySecret.generate()
        let record = try await PartnerKeys.create(
            organisationKey: organisationKey, name: name, tokenHash: TokenHash.sha256(secret), readOnly: readOnly,
            expiresAt: expiresInDays.map { context.now.addingTimeInterval(Double($0) * 24 * 3600) }, now: context.now, on: context.db)
        return Issued(id: try record.requireID(), secret: secret)
    }

    public static func list(organisationKey: String?, in context: OperationContext) async throws -> [PartnerKeyRecord] {
        try await PartnerKeys.list(organisationKey: organisationKey, on: context.db)
    }

    /// False when there is no such key, or it was already revoked.
    public static func revoke(_ id: UUID, in context: OperationContext) async throws -> Bool {
        try await PartnerKeys.revoke(id, now: context.now, on: context.db)
    }

    /// The caller of a bearer key; nil for a key that is unknown, revoked or expired
    /// (the answer does not say which).
    public static func authenticate(_ presented: String, in context: OperationContext) async throws -> PartnerCaller? {
        guard PartnerKeySecret.isWellFormed(presented),
              let record = try await PartnerKeys.find(tokenHash: TokenHash.sha256(presented), on: context.db),
              record.isUsable(at: context.now), let id = record.id else { return nil }
        try await PartnerKeys.touch(id, now: context.now, on: context.db)
        return PartnerCaller(keyID: id, organisationKey: record.organisationKey, keyName: record.name, readOnly: record.readOnly)
    }

    /// Where a key stands in its rate-limit window, after counting this request.
    public struct Quota: Sendable, Equatable {
        public let limit: Int
        public let remaining: Int
        public let resetSeconds: Int
        public var exceeded: Bool { remaining < 0 }
    }

    public static func meter(_ caller: PartnerCaller, in context: OperationContext) async throws -> Quota {
        let rule = RateLimitRule(name: "partner-api", limit: context.config.partnerRateLimit, window: 60)
        let count = try await RateLimiter.count(rule, subject: caller.keyID.uuidString, now: context.now, on: context.db)
        let reset = max(1, Int(rule.windowEnd(at: context.now).timeIntervalSince(context.now).rounded(.up)))
        return Quota(limit: rule.limit, remaining: rule.limit - count, resetSeconds: reset)
    }
}
