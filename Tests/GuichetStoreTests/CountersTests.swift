import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Testing

@Suite struct RateLimiterTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let rule = RateLimitRule(name: "test", limit: 3, window: 60)

    @Test func allowsUpToTheLimitPerWindowAndSubject() async throws {
        try await withStore { db in
            var answers: [Bool] = []
            for _ in 0..<4 { answers.append(try await RateLimiter.hit(rule, subject: "1.2.3.4", now: now, on: db)) }
            #expect(answers == [true, true, true, false])
            let otherSubject = try await RateLimiter.hit(rule, subject: "5.6.7.8", now: now, on: db)
            let nextWindow = try await RateLimiter.hit(rule, subject: "1.2.3.4", now: rule.windowEnd(at: now), on: db)
            #expect(otherSubject && nextWindow)
        }
    }

    @Test func concurrentHitsAreCountedExactly() async throws {
        try await withStore { db in
            let rule = RateLimitRule(name: "burst", limit: 5, window: 3600)
            let now = self.now
            let answers = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 { group.addTask { try await RateLimiter.hit(rule, subject: "x", now: now, on: db) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(answers.filter { $0 }.count == 5)
        }
    }

    @Test func expiredCountersArePurged() async throws {
        try await withStore { db in
            _ = try await RateLimiter.hit(rule, subject: "x", now: now, on: db)
            try await RateLimiter.purgeExpired(now: rule.windowEnd(at: now), on: db)
            let rows = try await db.sql.raw("SELECT COUNT(*) AS n FROM rate_limits").first()
            #expect(try rows?.decode(column: "n", as: Int.self) == 0)
        }
    }
}

@Suite struct ScheduledJobsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aJobRunsOncePerPeriod() async throws {
        try await withStore { db in
            let first = try await ScheduledJobs.claim("purge", interval: 600, now: now, on: db)
            let tooSoon = try await ScheduledJobs.claim("purge", interval: 600, now: now.addingTimeInterval(599), on: db)
            let nextPeriod = try await ScheduledJobs.claim("purge", interval: 600, now: now.addingTimeInterval(600), on: db)
            let otherJob = try await ScheduledJobs.claim("other", interval: 600, now: now, on: db)
            #expect([first, tooSoon, nextPeriod, otherJob] == [true, false, true, true])
        }
    }

    @Test func concurrentInstancesClaimAJobOnce() async throws {
        try await withStore { db in
            _ = try await ScheduledJobs.claim("purge", interval: 600, now: now, on: db)
            let later = now.addingTimeInterval(601)
            let answers = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 { group.addTask { try await ScheduledJobs.claim("purge", interval: 600, now: later, on: db) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(answers.filter { $0 }.count == 1)
        }
    }
}

@Suite struct BrowserSessionsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func sessionsOfAnAccountAreDeletedExceptTheCurrentOne() async throws {
        try await withStore { db in
            let user = UUID()
            for hash in ["a", "b", "c"] {
                try await BrowserSessions.insert(BrowserSessionRecord(tokenHash: hash, userID: user, data: "{}", now: now), on: db)
            }
            try await BrowserSessions.insert(BrowserSessionRecord(tokenHash: "other", userID: UUID(), data: "{}", now: now), on: db)
            try await BrowserSessions.deleteAll(userID: user, except: "b", on: db)
            #expect(try await BrowserSessions.find(tokenHash: "a", on: db) == nil)
            #expect(try await BrowserSessions.find(tokenHash: "b", on: db) != nil)
            #expect(try await BrowserSessions.find(tokenHash: "other", on: db) != nil)
        }
    }

    @Test func idleAndOldSessionsArePurged() async throws {
        try await withStore { db in
            try await BrowserSessions.insert(BrowserSessionRecord(tokenHash: "idle", userID: nil, data: "{}", now: now), on: db)
            let active = BrowserSessionRecord(tokenHash: "active", userID: nil, data: "{}", now: now)
            active.lastSeenAt = now.addingTimeInterval(3000)
            try await BrowserSessions.insert(active, on: db)
            try await BrowserSessions.purge(idleBefore: now.addingTimeInterval(1), createdBefore: now.addingTimeInterval(-1), on: db)
            #expect(try await BrowserSessions.find(tokenHash: "idle", on: db) == nil)
            #expect(try await BrowserSessions.find(tokenHash: "active", on: db) != nil)
        }
    }
}
