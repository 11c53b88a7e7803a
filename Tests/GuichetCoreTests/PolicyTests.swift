import Foundation
import GuichetCore
import Testing

@Suite struct SessionPolicyTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func idleSessionEndsAfterThirtyMinutes() {
        #expect(!SessionPolicy.isExpired(createdAt: start, lastSeenAt: start, now: start.addingTimeInterval(29 * 60 + 59)))
        #expect(SessionPolicy.isExpired(createdAt: start, lastSeenAt: start, now: start.addingTimeInterval(30 * 60)))
    }

    @Test func activeSessionEndsAfterTwelveHours() {
        let now = start.addingTimeInterval(12 * 3600)
        #expect(SessionPolicy.isExpired(createdAt: start, lastSeenAt: now.addingTimeInterval(-10), now: now))
        #expect(!SessionPolicy.isExpired(createdAt: start, lastSeenAt: now.addingTimeInterval(-10), now: now.addingTimeInterval(-1)))
    }

    @Test func activityIsWrittenAtMostOncePerMinute() {
        #expect(!SessionPolicy.needsTouch(lastSeenAt: start, now: start.addingTimeInterval(59)))
        #expect(SessionPolicy.needsTouch(lastSeenAt: start, now: start.addingTimeInterval(60)))
    }
}

@Suite struct DeliveryPolicyTests {
    @Test func retryDelayDoublesFromThirtySecondsUpToOneHour() {
        #expect(DeliveryPolicy.retryDelay(afterAttempts: 1) == 30)
        #expect(DeliveryPolicy.retryDelay(afterAttempts: 2) == 60)
        #expect(DeliveryPolicy.retryDelay(afterAttempts: 3) == 120)
        #expect(DeliveryPolicy.retryDelay(afterAttempts: 7) == 1920)
        #expect(DeliveryPolicy.retryDelay(afterAttempts: 8) == 3600)
        #expect(DeliveryPolicy.retryDelay(afterAttempts: 500) == 3600)
    }
}

@Suite struct RateLimitRuleTests {
    let rule = RateLimitRule(name: "test", limit: 3, window: 3600)

    @Test func eventsInOneWindowShareAKey() {
        let start = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 3600))
        #expect(rule.key(subject: "1.2.3.4", at: start) == rule.key(subject: "1.2.3.4", at: start.addingTimeInterval(3599)))
        #expect(rule.key(subject: "1.2.3.4", at: start) != rule.key(subject: "1.2.3.4", at: start.addingTimeInterval(3600)))
        #expect(rule.key(subject: "1.2.3.4", at: start) != rule.key(subject: "5.6.7.8", at: start))
        #expect(rule.windowEnd(at: start.addingTimeInterval(10)) == start.addingTimeInterval(3600))
    }
}

@Suite struct ManualClockTests {
    @Test func movesOnlyWhenTold() {
        let clock = ManualClock(Date(timeIntervalSince1970: 100))
        #expect(clock.now() == Date(timeIntervalSince1970: 100))
        clock.advance(by: 60)
        #expect(clock.now() == Date(timeIntervalSince1970: 160))
        clock.set(Date(timeIntervalSince1970: 5))
        #expect(clock.now() == Date(timeIntervalSince1970: 5))
    }
}
