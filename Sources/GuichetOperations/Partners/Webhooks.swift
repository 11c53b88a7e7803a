import Crypto
import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// An organisation's webhook (SPEC §6), set by the operator: the signing secret is
/// shown once and kept sealed with SECRET_KEY.
public enum Webhooks {
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case unknownOrganisation(String)
        case invalidURL(WebhookTarget.Refusal)

        public var description: String {
            switch self {
            case .unknownOrganisation(let id): "Unknown organisation \(id): use an id of organisations.json or mairie-<INSEE code>."
            case .invalidURL(let refusal): "Invalid webhook URL: \(refusal)."
            }
        }
    }

    /// Sets (or replaces) the webhook; returns the new signing secret. It receives the
    /// events that happen from now on.
    public static func set(organisationKey: String, url text: String, in context: OperationContext) async throws -> String {
        guard context.guichet.organisation(id: organisationKey) != nil else { throw Refusal.unknownOrganisation(organisationKey) }
        let url: URL
        switch WebhookTarget.check(text, production: context.config.isProduction) {
        case .success(let checked): url = checked
        case .failure(let refusal): throw Refusal.invalidURL(refusal)
        }
        let id = UUID()
        let secret = WebhookSecret.generate()
        try await PartnerWebhooks.set(id: id, organisationKey: organisationKey, url: url.absoluteString,
                                      sealedSecret: try context.guichet.secrets.seal(secret, account: id), now: context.now, on: context.db)
        return secret
    }

    /// False when the organisation had none.
    public static func remove(organisationKey: String, in context: OperationContext) async throws -> Bool {
        try await PartnerWebhooks.remove(organisationKey: organisationKey, on: context.db)
    }

    public struct Status: Sendable {
        public let url: String?
        public let deliveredSequence: Int?
        public let nextAttemptAt: Date?
        public let attempts: [WebhookAttemptRecord]
    }

    /// `guichet partner-webhook deliveries`: the webhook and its last attempts.
    public static func status(organisationKey: String, limit: Int = 20, in context: OperationContext) async throws -> Status {
        let webhook = try await PartnerWebhooks.find(organisationKey: organisationKey, on: context.db)
        return Status(url: webhook?.url, deliveredSequence: webhook?.deliveredSequence, nextAttemptAt: webhook?.nextAttemptAt,
                      attempts: try await PartnerWebhooks.attempts(organisationKey: organisationKey, limit: limit, on: context.db))
    }
}

/// `Guichet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
public enum WebhookSignature {
    public static func header(secret: String, timestamp: Int, body: Data) -> String {
        "t=\(timestamp),v1=\(hmac(secret: secret, timestamp: timestamp, body: body))"
    }

    public static func hmac(secret: String, timestamp: Int, body: Data) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).".utf8) + body, using: key)
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// What a receiver does: the signature matches and is at most `tolerance` old.
    public static func verify(header: String, secret: String, body: Data, now: Date, tolerance: TimeInterval = 300) -> Bool {
        var timestamp: Int?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int(pair[1]) } else if pair[0] == "v1" { signatures.append(pair[1]) }
        }
        guard let timestamp, abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { return false }
        let expected = hmac(secret: secret, timestamp: timestamp, body: body)
        return signatures.contains { TokenHash.constantTimeEquals($0, expected) }
    }
}
