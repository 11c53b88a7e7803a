import Foundation

/// Scans an uploaded document for malware before anyone can download it or it is
/// transmitted to a partner (ClamAV's daemon in production). A document is released only
/// on `.clean`: when the scanner cannot answer, the methods throw, so that a scanner that
/// is down keeps documents waiting instead of letting them through unscanned.
public protocol VirusScanning: Sendable {
    /// Scans the bytes; throws `VirusScanUnavailable` when the scanner cannot answer (down, timeout, unexpected reply), never treats that as clean.
    func scan(_ data: Data) async throws -> ScanVerdict
    /// Scans a file without loading it whole (streamed in chunks).
    func scan(fileAt url: URL) async throws -> ScanVerdict
    /// Whether the scanner answers (PING), for health checks.
    func isAvailable() async -> Bool
}

/// What the scanner said about one document.
public enum ScanVerdict: Sendable, Equatable {
    case clean
    /// `signature` is the scanner's name for what it found (ClamAV's `Win.Test.EICAR_HDB-1`),
    /// kept for the logs and the agents; it is not shown to the citizen.
    case infected(signature: String)
}

/// The scanner gave no verdict: not running, too slow, the document too large for it, or
/// an answer that is not a verdict. The document must be scanned again later, never
/// released. `reason` is a short English text for the logs, never for users.
public struct VirusScanUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { "virus scanner unavailable: \(reason)" }
}

/// No scanning at all: every document is reported clean and the "scanner" is always
/// available. The embedded mode's default when no clamd socket is configured, so that a
/// developer or a demo can upload documents without ClamAV installed. Named so that nobody
/// takes it for a real scanner: a production configuration must use `ClamdScanner`.
public struct DisabledVirusScanner: VirusScanning {
    public init() {}

    public func scan(_ data: Data) async throws -> ScanVerdict { .clean }

    public func scan(fileAt url: URL) async throws -> ScanVerdict { .clean }

    public func isAvailable() async -> Bool { true }
}
