import FluentKit
import FluentSQLiteDriver
import FluentPostgresDriver
import Foundation

/// Where the data lives: an SQLite file under `DATA_DIR` (zero set-up) or a
/// PostgreSQL server (`DATABASE_URL`) shared by several instances.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }
}

extension Databases {
    /// Registers the database as the default one. `poolSize` is PostgreSQL's number of
    /// connections per event loop; SQLite always has one connection in all.
    public func use(_ location: DatabaseLocation, poolSize: Int = 4) throws {
        switch location {
        case .sqlite(let path):
            // SQL is not logged: bound values would put personal data in the logs.
            // (The PostgreSQL driver needs a level; `RedactingLogHandler` strips its values.)
            // Every request queues for the one connection: under a burst a wait of a few
            // seconds is a slow page, not a failure.
            use(SingleConnectionConfiguration(base: DatabaseConfigurationFactory.sqlite(.file(path), connectionPoolTimeout: .seconds(30),
                                                                                         sqlLogLevel: nil).make()),
                as: .sqlite, isDefault: true)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            // Short-lived test databases and quick restarts: give up fast when unreachable.
            configuration.coreConfiguration.options.connectTimeout = .seconds(5)
            use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: poolSize,
                          connectionPoolTimeout: .seconds(10), sqlLogLevel: .trace),
                as: .psql, isDefault: true)
        }
    }
}

extension Database {
    /// SQLKit access for the statements Fluent's query builder cannot express
    /// (atomic claims with `RETURNING`, upserts). Both drivers support it.
    public var sql: any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            fatalError("Guichet only runs on SQL databases (SQLite, PostgreSQL)")
        }
        return sql
    }
}
