import Fluent
import Vapor

extension Application {
    /// Applies the pending migrations, or undoes the last batch.
    func migrate(revertingLastBatch revert: Bool) async throws {
        if revert {
            try await migrator.setupIfNeeded().get()
            try await migrator.revertLastBatch().get()
        } else {
            try await autoMigrate()
        }
    }
}
