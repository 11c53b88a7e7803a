import Foundation
import GuichetCore
import Prometheus

/// The portal's Prometheus metrics, one registry per application (so tests that run
/// several applications in one process never mix their numbers).
public final class PrometheusMetrics: MetricsRecording {
    let registry = PrometheusCollectorRegistry()
    private static let durationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]
    private static var requests: MetricNameDescriptor { MetricNameDescriptor(namespace: "guichet", subsystem: "http", metricName: "requests",
                                                       unitName: "total", helpText: "HTTP requests served, by route pattern and status") }
    private static var requestDuration: MetricNameDescriptor { MetricNameDescriptor(namespace: "guichet", subsystem: "http", metricName: "request_duration",
                                                              unitName: "seconds", helpText: "Time to answer HTTP requests") }
    private static var deliveries: MetricNameDescriptor { MetricNameDescriptor(namespace: "guichet", subsystem: "outbox", metricName: "deliveries",
                                                         unitName: "total", helpText: "Outbox delivery attempts, by channel and outcome") }
    private static var pending: MetricNameDescriptor { MetricNameDescriptor(namespace: "guichet", subsystem: "outbox", metricName: "pending",
                                                      unitName: "messages", helpText: "Messages waiting in the outbox") }
    private static var events: MetricNameDescriptor { MetricNameDescriptor(namespace: "guichet", metricName: "events", unitName: "total",
                                                     helpText: "Business events (messages received, accounts created…)") }

    public init() {}

    public func requestCompleted(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(descriptor: Self.requests,
                             labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: Self.requestDuration, labels: [("method", method), ("route", route)],
                                       buckets: Self.durationBuckets).record(duration)
    }

    public func outboxAttempt(channel: String, outcome: String) {
        registry.makeCounter(descriptor: Self.deliveries, labels: [("channel", channel), ("outcome", outcome)]).increment()
    }

    public func outboxPending(_ count: Int) {
        registry.makeGauge(descriptor: Self.pending).set(to: Double(count))
    }

    public func event(_ name: String) {
        registry.makeCounter(descriptor: Self.events, labels: [("event", name)]).increment()
    }

    public func exposition() -> String { registry.emitToString() }
}
