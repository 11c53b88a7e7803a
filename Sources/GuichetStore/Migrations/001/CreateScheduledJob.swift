import FluentKit

/// When each periodic job (purges) may next run; claimed atomically so that only one
/// instance runs a given job per period.
struct CreateScheduledJob: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scheduled_jobs")
            .field("name", .string, .identifier(auto: false))
            .field("next_run_at", .datetime, .required)
            .field("last_run_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scheduled_jobs").delete()
    }
}
