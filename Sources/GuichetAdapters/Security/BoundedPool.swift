import Foundation
import GuichetCore
import NIOPosix
import Synchronization

/// A few threads for slow, CPU-bound work (password hashing, PDF assembly), away from
/// the event loops. When too much work already waits, new work is refused at once
/// (`Overloaded`) instead of queueing without end.
public final class BoundedPool: WorkPool {

    private let pool: NIOThreadPool
    private let waiting = Mutex(0)
    private let maximumWaiting: Int

    public init(threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount), maximumWaiting: Int) {
        self.maximumWaiting = maximumWaiting
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = waiting.withLock { count -> Bool in
            guard count < maximumWaiting else { return false }
            count += 1
            return true
        }
        guard admitted else { throw WorkPoolOverloaded() }
        defer { waiting.withLock { $0 -= 1 } }
        return try await pool.runIfActive(work)
    }

    public func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}
