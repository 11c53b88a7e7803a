import FluentKit
import Foundation

/// Claims of periodic jobs, so that with several instances each job runs once per period.
public enum ScheduledJobs {
    /// True when this caller won the right to run `name` now; the next run is then
    /// pushed `interval` seconds ahead for everyone.
    public static func claim(_ name: String, interval: TimeInterval, now: Date, on db: any Database) async throws -> Bool {
        try await db.sql.raw("""
            INSERT INTO scheduled_jobs (name, next_run_at) VALUES (\(bind: name), \(bind: now))
            ON CONFLICT (name) DO NOTHING
            """).run()
        let claimed = try await db.sql.raw("""
            UPDATE scheduled_jobs SET next_run_at = \(bind: now.addingTimeInterval(interval)), last_run_at = \(bind: now)
            WHERE name = \(bind: name) AND next_run_at <= \(bind: now)
            RETURNING name
            """).first()
        return claimed != nil
    }
}
