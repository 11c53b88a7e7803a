import FluentKit
import FluentSQL
import Foundation
import GuichetStore
import Logging
import NIOCore
import NIOPosix

/// A fresh, migrated database for each test.
///
/// SQLite (the default): a migrated template file is made once per test run and
/// copied for each test. PostgreSQL (when `GUICHET_TEST_DATABASE_URL` names a role
/// allowed to create databases): a migrated template database is made once and each
/// test gets `CREATE DATABASE … TEMPLATE …`, dropped afterwards.
public struct TestDatabase: Sendable {
    public let location: DatabaseLocation
    /// A private folder for the test's other files (outbox, blobs).
    public let directory: URL
    let postgresName: String?

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["GUICHET_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static func make() async throws -> TestDatabase {
        do {
            return try await makeDatabase()
        } catch {
            // PostgreSQL errors only show their details when reflected.
            throw SetupError(description: "cannot create the test database: \(String(reflecting: error))")
        }
    }

    struct SetupError: Error, CustomStringConvertible {
        let description: String
    }

    private static func makeDatabase() async throws -> TestDatabase {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("guichet-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let url = postgresURL {
            await PostgresSlots.shared.acquire()
            let name = "guichet_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            do {
                try await Templates.shared.createPostgresDatabase(named: String(name), adminURL: url)
            } catch {
                await PostgresSlots.shared.release()
                throw error
            }
            return TestDatabase(location: .postgres(url: Self.replacingDatabase(in: url, with: String(name))),
                                directory: directory, postgresName: String(name))
        }
        let template = try await Templates.shared.sqliteTemplate()
        let path = directory.appendingPathComponent("guichet.sqlite")
        try FileManager.default.copyItem(at: template, to: path)
        return TestDatabase(location: .sqlite(path: path.path), directory: directory, postgresName: nil)
    }

    /// Removes the database and the test's folder.
    public func drop() async {
        if let postgresName, let url = Self.postgresURL {
            try? await Templates.shared.dropPostgresDatabase(named: postgresName, adminURL: url)
            await PostgresSlots.shared.release()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + name
        return components.string ?? url
    }

    /// Runs every migration on a database.
    public static func migrate(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { databases, db in
            let migrations = Migrations()
            migrations.add(AllMigrations.list)
            let migrator = Migrator(databases: databases, migrations: migrations, logger: Logger(label: "test.migrate"),
                                    on: MultiThreadedEventLoopGroup.singleton.any(), migrationLogLevel: .debug)
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
        }
    }

    /// Opens a database outside Vapor (for store tests and administration).
    public static func withDatabase<T: Sendable>(_ location: DatabaseLocation,
                                                 _ body: (Databases, any Database) async throws -> T) async throws -> T {
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        try databases.use(location, poolSize: 2)
        var logger = Logger(label: "test.database")
        logger.logLevel = .warning
        let db = databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
        do {
            let result = try await body(databases, db)
            await databases.shutdownAsync()
            return result
        } catch {
            await databases.shutdownAsync()
            throw error
        }
    }
}

/// Bounds the PostgreSQL test databases alive at once. Swift Testing starts every test
/// of the run together; each database holds a few pooled connections, and a hundred of
/// them exceed the server's `max_connections` (seen in CI: "too many clients already").
/// Tests beyond the limit wait for a database to be dropped.
actor PostgresSlots {
    static let shared = PostgresSlots(limit: 12)
    private let limit: Int
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the next waiting test, or frees it.
    func release() {
        if waiting.isEmpty {
            inUse -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Creates the templates once per process. The setup is kept as a task so that tests
/// arriving while it runs wait for it instead of starting their own (actor methods
/// are re-entered at every `await`).
actor Templates {
    static let shared = Templates()
    private var sqlite: Task<URL, any Error>?
    private var postgres: Task<Void, any Error>?
    private static let postgresTemplate = "guichet_test_template"

    func sqliteTemplate() async throws -> URL {
        if sqlite == nil {
            sqlite = Task {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-template-\(UUID().uuidString).sqlite")
                try await TestDatabase.migrate(.sqlite(path: path.path))
                return path
            }
        }
        return try await sqlite!.value
    }

    func createPostgresDatabase(named name: String, adminURL: String) async throws {
        if postgres == nil {
            postgres = Task {
                try await Self.admin(adminURL) { db in
                    try await db.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: Self.postgresTemplate) WITH (FORCE)").run()
                    try await db.sql.raw("CREATE DATABASE \(unsafeRaw: Self.postgresTemplate)").run()
                }
                try await TestDatabase.migrate(.postgres(url: TestDatabase.replacingDatabase(in: adminURL, with: Self.postgresTemplate)))
            }
        }
        try await postgres!.value
        try await Self.admin(adminURL) { db in
            try await db.sql.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE \(unsafeRaw: Self.postgresTemplate)").run()
        }
    }

    func dropPostgresDatabase(named name: String, adminURL: String) async throws {
        try await Self.admin(adminURL) { db in
            try await db.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
        }
    }

    private static func admin(_ url: String, _ body: @Sendable (any Database) async throws -> Void) async throws {
        try await TestDatabase.withDatabase(.postgres(url: url)) { _, db in try await body(db) }
    }
}
