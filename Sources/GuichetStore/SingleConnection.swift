import FluentKit
import NIOCore

/// SQLite through one connection for the whole process, whatever event loop asks.
///
/// Fluent opens one SQLite connection per event loop. SQLite lets one of them write at
/// a time, and a connection waiting for that lock spins on a thread of the shared
/// blocking pool: with a few such waiters the pool has no thread left for the writer
/// they wait for, and every request stops. Through one connection, requests queue in
/// the connection pool instead, asynchronously, and SQLite never sees two writers from
/// this process. (SQLite cannot write in parallel anyway; its statements take
/// microseconds.)
struct SingleConnectionConfiguration: DatabaseConfiguration {
    var base: any DatabaseConfiguration

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        // An event loop is a group of one: the driver's pool gets one connection.
        let loop = databases.eventLoopGroup.next()
        let driver = base.makeDriver(for: Databases(threadPool: databases.threadPool, on: loop))
        return SingleConnectionDriver(base: driver, eventLoop: loop)
    }
}

/// Hands every database the driver's own event loop, the one its single pool lives on.
private struct SingleConnectionDriver: DatabaseDriver {
    let base: any DatabaseDriver
    let eventLoop: any EventLoop

    func makeDatabase(with context: DatabaseContext) -> any Database {
        base.makeDatabase(with: DatabaseContext(configuration: context.configuration, logger: context.logger,
                                                eventLoop: eventLoop, history: context.history,
                                                pageSizeLimit: context.pageSizeLimit, shouldTrace: context.shouldTrace))
    }

    func shutdown() { base.shutdown() }
    func shutdownAsync() async { await base.shutdownAsync() }
}
