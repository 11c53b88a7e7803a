import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Deletion of what has outlived its use: expired captchas, sessions, counters, links
/// and codes, accounts never activated, expired drafts, security events after a year,
/// and delivered or failed emails (which hold personal data) after 30 days. Also the draft
/// expiry alerts, which are due on the same clock.
public enum Purges {
    struct Job: Sendable {
        let name: String
        let interval: TimeInterval
        let run: @Sendable (any Database, Date, Guichet) async throws -> Void
    }

    public static let deliveredMessageRetention: TimeInterval = 30 * 24 * 3600
    /// An account never activated frees its identifier after a week.
    public static let unactivatedAccountRetention: TimeInterval = 7 * 24 * 3600
    public static let securityLogRetention: TimeInterval = 365 * 24 * 3600
    /// The organisations' event feed: long enough for any poller to catch up.
    public static let partnerEventRetention: TimeInterval = 90 * 24 * 3600
    /// An agent invited but never enrolled is deleted this long after the link ran out.
    public static let unacceptedInvitationRetention: TimeInterval = 30 * 24 * 3600

    static let jobs: [Job] = [
        Job(name: "purge-captchas", interval: 600) { db, now, _ in try await CaptchaStore.purgeExpired(now: now, on: db) },
        Job(name: "purge-sessions", interval: 600) { db, now, _ in
            try await BrowserSessions.purge(idleBefore: now.addingTimeInterval(-SessionPolicy.idleTimeout),
                                            createdBefore: now.addingTimeInterval(-SessionPolicy.absoluteTimeout), on: db)
        },
        Job(name: "purge-rate-limits", interval: 600) { db, now, _ in try await RateLimiter.purgeExpired(now: now, on: db) },
        Job(name: "purge-delivered-messages", interval: 24 * 3600) { db, now, _ in
            try await OutboxQueue.purgeDelivered(olderThan: now.addingTimeInterval(-deliveredMessageRetention), on: db)
            try await OutboxQueue.purgeFailed(olderThan: now.addingTimeInterval(-deliveredMessageRetention), on: db)
        },
        Job(name: "purge-account-links", interval: 600) { db, now, _ in
            try await AccountTokens.purgeExpired(now: now, on: db)
            try await CodeChallenges.purgeExpired(now: now, on: db)
        },
        // Transmissions recorded before the inbox kept the applicant's name (migration 007):
        // filled in by the workers, a bounded batch a minute, so neither start-up nor
        // requests wait for a large database.
        Job(name: "backfill-applicant-names", interval: 60) { db, _, guichet in
            let procedures = guichet.procedures
            try await Transmissions.backfillApplicants(limit: 1000, name: { dossier in
                procedures.procedure(dossier.procedureID)?.applicantName(in: dossier.answers)
            }, on: db)
        },
        Job(name: "purge-unaccepted-agent-invitations", interval: 24 * 3600) { db, now, _ in
            try await Agents.purgeUnaccepted(expiredBefore: now.addingTimeInterval(-unacceptedInvitationRetention), on: db)
        },
        Job(name: "purge-unactivated-accounts", interval: 3600) { db, now, _ in
            try await Accounts.purgeUnconfirmed(createdBefore: now.addingTimeInterval(-unactivatedAccountRetention), on: db)
        },
        Job(name: "purge-orphan-blobs", interval: 3600) { db, now, guichet in
            try await Wallet.collectOrphans(blobs: guichet.blobs, storedBefore: now.addingTimeInterval(-3600), on: db)
        },
        Job(name: "draft-expiry-alerts", interval: 600) { db, now, guichet in
            try await DraftExpiryAlerts.send(guichet: guichet, now: now, on: db)
        },
        Job(name: "purge-expired-drafts", interval: 600) { db, now, guichet in
            try await Dossiers.purgeExpired(now: now, blobs: guichet.blobs, on: db)
        },
        Job(name: "rescan-pending-documents", interval: 60) { db, now, guichet in
            try await PendingScanJob.run(guichet: guichet, now: now, on: db)
        },
        Job(name: "purge-idempotency-keys", interval: 3600) { db, now, _ in
            try await IdempotencyKeys.purge(olderThan: now.addingTimeInterval(-IdempotencyKeys.retention), on: db)
        },
        Job(name: "purge-webhook-attempts", interval: 24 * 3600) { db, now, _ in
            try await PartnerWebhooks.purgeAttempts(olderThan: now.addingTimeInterval(-deliveredMessageRetention), on: db)
            // The feed holds messages to citizens and partner references.
            try await PartnerEvents.purge(olderThan: now.addingTimeInterval(-partnerEventRetention), on: db)
        },
        Job(name: "purge-security-log", interval: 24 * 3600) { db, now, _ in
            try await SecurityEvents.purge(olderThan: now.addingTimeInterval(-securityLogRetention), on: db)
        },
    ]

    /// Runs the jobs whose period has come (`force` runs them all, for the command line).
    /// Returns the names of the jobs that ran.
    @discardableResult
    public static func run(db: any Database, now: Date, guichet: Guichet, force: Bool = false) async throws -> [String] {
        var ran: [String] = []
        for job in jobs {
            if !force {
                guard try await ScheduledJobs.claim(job.name, interval: job.interval, now: now, on: db) else { continue }
            }
            try await job.run(db, now, guichet)
            ran.append(job.name)
        }
        return ran
    }
}
