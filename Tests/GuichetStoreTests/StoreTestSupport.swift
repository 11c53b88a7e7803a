import FluentKit
import GuichetStore
import GuichetTestSupport
import Testing

/// Runs a store test on its own migrated database.
func withStore(_ body: (any Database) async throws -> Void) async throws {
    let database = try await TestDatabase.make()
    do {
        try await TestDatabase.withDatabase(database.location) { _, db in try await body(db) }
        await database.drop()
    } catch {
        await database.drop()
        // PostgreSQL errors hide their details unless reflected.
        Issue.record("\(String(reflecting: error))")
        throw error
    }
}
