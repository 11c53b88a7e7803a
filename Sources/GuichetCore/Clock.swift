import Foundation
import Synchronization

/// The source of "now" for every rule with a duration (expiry, lockout, backoff).
///
/// Named `WallClock` rather than `Clock` so it never shadows the standard library's
/// `Clock` protocol in files that import both.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real time, used in production.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to: tests set and advance it explicitly.
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
