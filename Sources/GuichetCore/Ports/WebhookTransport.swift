import Foundation

/// POSTs one webhook delivery to an organisation's receiver and returns the HTTP status
/// it answered. Throws `WebhookTransportError` when no answer came (network, timeout,
/// an address that is refused): the delivery is retried.
public protocol WebhookTransport: Sendable {
    func post(_ request: WebhookRequest) async throws -> Int
}

public struct WebhookRequest: Sendable, Equatable {
    public let url: URL
    public let headers: [(name: String, value: String)]
    public let body: Data

    public init(url: URL, headers: [(name: String, value: String)], body: Data) {
        self.url = url
        self.headers = headers
        self.body = body
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.url == rhs.url && lhs.body == rhs.body && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

public enum WebhookTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host resolved to an address webhooks may not reach (production).
    case refusedAddress(String)
    case unreachable(String)

    public var description: String {
        switch self {
        case .refusedAddress(let host): "\(host) resolves to a loopback, private or link-local address"
        case .unreachable(let reason): reason
        }
    }
}

/// When webhook deliveries are retried (SPEC §6): on network errors, 5xx and 429, with
/// exponential backoff from 30 seconds to one hour, for 24 hours after the first failure;
/// then the event is skipped (it stays in the feed).
public enum WebhookRetryPolicy {
    public static let retryWindow: TimeInterval = 24 * 3600

    public enum Verdict: String, Sendable, Equatable {
        case delivered
        case retry
        /// A 4xx other than 429 (or a redirect): the receiver refuses it; not retried.
        case refused
    }

    public static func verdict(status: Int?) -> Verdict {
        guard let status else { return .retry }
        switch status {
        case 200..<300: return .delivered
        case 429, 500...599: return .retry
        default: return .refused
        }
    }

    /// When to try again after `attempts` failures in a row, or nil to give up.
    public static func nextAttempt(attempts: Int, failingSince: Date, now: Date) -> Date? {
        let delay = min(30 * pow(2, Double(max(attempts - 1, 0))), 3600)
        let next = now.addingTimeInterval(delay)
        return next.timeIntervalSince(failingSince) > retryWindow ? nil : next
    }
}
