import Foundation

/// The portal's counters (Prometheus in production): requests, outbox deliveries and
/// business events. One recorder per application, so tests never mix their numbers.
public protocol MetricsRecording: Sendable {
    func requestCompleted(method: String, route: String, status: UInt, duration: Duration)
    func outboxAttempt(channel: String, outcome: String)
    func outboxPending(_ count: Int)
    /// A business event: `account_created`, `dossier_submitted`, …
    func event(_ name: String)
    /// The text exposition format, for `/metrics`.
    func exposition() -> String
}
