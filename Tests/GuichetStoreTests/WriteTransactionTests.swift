import FluentKit
import Foundation
import GuichetStore
import GuichetTestSupport
import NIOPosix
import SQLKit
import Testing

/// Transactions that read, then write, at the same time: they queue, none fails with
/// "database is locked", no update is lost.
@Suite struct WriteTransactionTests {
    /// Within one process, requests on every event loop share SQLite's one connection.
    @Test func transactionsFromEveryEventLoopQueue() async throws {
        try await withTally { location in
            try await TestDatabase.withDatabase(location) { databases, db in
                try await Self.incrementConcurrently { _ in
                    try #require(databases.database(logger: db.logger, on: MultiThreadedEventLoopGroup.singleton.next()))
                }
                #expect(try await Self.total(db) == 8)
            }
        }
    }

    /// Two processes on one database (two registries, each with its own connections).
    @Test func transactionsFromTwoProcessesQueue() async throws {
        try await withTally { location in
            try await TestDatabase.withDatabase(location) { _, first in
                try await TestDatabase.withDatabase(location) { _, second in
                    try await Self.incrementConcurrently { index in index % 2 == 0 ? first : second }
                    #expect(try await Self.total(first) == 8)
                }
            }
        }
    }

    /// Fluent's own `transaction` would bring the failures above back on SQLite.
    @Test func sourcesOpenTransactionsOnlyThroughWriteTransaction() throws {
        let sources = Corpus.repositoryRoot.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && $0.lastPathComponent != "WriteTransaction.swift" }
        #expect(files.count > 50)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains(".transaction {") && !text.contains(".transaction({"), "\(file.lastPathComponent)")
        }
    }

    /// A fresh database with a counter at 0.
    func withTally(_ body: (DatabaseLocation) async throws -> Void) async throws {
        let database = try await TestDatabase.make()
        do {
            try await TestDatabase.withDatabase(database.location) { _, db in
                try await db.sql.raw("CREATE TABLE tally (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)").run()
                try await db.sql.raw("INSERT INTO tally (id, n) VALUES (1, 0)").run()
            }
            try await body(database.location)
        } catch {
            Issue.record("\(String(reflecting: error))")
        }
        await database.drop()
    }

    /// Eight transactions at once, each reading the counter and writing it plus one.
    static func incrementConcurrently(_ database: (Int) throws -> any Database) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                let db = try database(index)
                group.addTask {
                    try await db.writeTransaction { db in
                        // PostgreSQL orders writers by row lock; SQLite by the write lock
                        // taken when the transaction opens.
                        let locking = db.sql.dialect.name == "sqlite" ? "" : " FOR UPDATE"
                        let row = try await db.sql.raw("SELECT n FROM tally WHERE id = 1\(unsafeRaw: locking)").first()
                        let n = try #require(row).decode(column: "n", as: Int.self)
                        // Leaves time for the others to begin and read.
                        try await Task.sleep(for: .milliseconds(20))
                        try await db.sql.raw("UPDATE tally SET n = \(bind: n + 1) WHERE id = 1").run()
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static func total(_ db: any Database) async throws -> Int? {
        try await db.sql.raw("SELECT n FROM tally WHERE id = 1").first()?.decode(column: "n", as: Int.self)
    }
}
