import FluentKit
import SQLKit

extension Database {
    /// A transaction that changes data: the one way Guichet opens a transaction.
    ///
    /// SQLite begins Fluent's transactions as *deferred*: two of them that both read and
    /// then write cannot both commit, and SQLite fails the second at once with
    /// `SQLITE_BUSY` instead of waiting (waiting could not help: its snapshot is stale).
    /// Taking the write lock with the first statement makes concurrent transactions
    /// queue, as `BEGIN IMMEDIATE` would (Fluent cannot issue it). PostgreSQL needs
    /// nothing here: its row locks and constraints order concurrent writers.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await transaction { db in
            if db.sql.dialect.name == "sqlite" {
                // A write that matches no row still takes the database's write lock.
                try await db.sql.raw("DELETE FROM \"_fluent_migrations\" WHERE 0").run()
            }
            return try await body(db)
        }
    }
}
