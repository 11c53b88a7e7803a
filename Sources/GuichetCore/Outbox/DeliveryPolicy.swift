import Foundation

/// When the outbox tries a message again after a failed delivery.
///
/// A message is never dropped for a transient failure (server down, timeout, 4xx
/// reply): the wait doubles from 30 seconds up to one hour and it keeps being tried.
/// Only a permanent refusal (5xx reply) stops the retries, and the message is kept.
public enum DeliveryPolicy {
    public static let firstRetryDelay: TimeInterval = 30
    public static let maximumDelay: TimeInterval = 60 * 60
    /// How long a worker may hold a message before another instance may take it.
    public static let lease: TimeInterval = 2 * 60

    /// The wait after the given number of failed attempts (1 for the first failure).
    public static func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        let exponent = max(0, min(attempts - 1, 20))
        return min(firstRetryDelay * pow(2, Double(exponent)), maximumDelay)
    }
}

/// How a delivery attempt failed.
public enum DeliveryFailure: Error, Sendable, Equatable {
    /// Worth trying again later.
    case transient(String)
    /// The receiving side refused the message for good.
    case permanent(String)
}
