import Foundation

/// A few threads for slow, CPU-bound work (password hashing, document assembly), away
/// from the event loops.
public protocol WorkPool: Sendable {
    /// Runs `work` on the pool; throws `WorkPoolOverloaded` at once when too much work
    /// already waits, rather than queueing without end.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T
}

/// The pool is full: the request is answered "try again in a moment".
public struct WorkPoolOverloaded: Error, Equatable {
    public init() {}
}
