import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Testing

@Suite struct CaptchaStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func challengeCanBeReadUntilItExpires() async throws {
        try await withStore { db in
            let id = try await CaptchaStore.create(code: "K7M4PX", now: now, on: db)
            #expect(try await CaptchaStore.code(id: id, now: now.addingTimeInterval(599), on: db) == "K7M4PX")
            #expect(try await CaptchaStore.code(id: id, now: now.addingTimeInterval(600), on: db) == nil)
        }
    }

    @Test func challengeIsConsumedOnlyOnceEvenConcurrently() async throws {
        try await withStore { db in
            let id = try await CaptchaStore.create(code: "K7M4PX", now: now, on: db)
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { try await CaptchaStore.consume(id: id, on: db) != nil } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await CaptchaStore.code(id: id, now: now, on: db) == nil)
        }
    }

    @Test func consumeReturnsTheCodeAndExpiry() async throws {
        try await withStore { db in
            let id = try await CaptchaStore.create(code: "K7M4PX", now: now, on: db)
            let stored = try #require(try await CaptchaStore.consume(id: id, on: db))
            #expect(stored.code == "K7M4PX")
            #expect(abs(stored.expiresAt.timeIntervalSince(now.addingTimeInterval(600))) < 0.01)
            #expect(try await CaptchaStore.consume(id: "", on: db) == nil)
            #expect(try await CaptchaStore.consume(id: String(repeating: "x", count: 100), on: db) == nil)
        }
    }

    @Test func expiredChallengesArePurged() async throws {
        try await withStore { db in
            let old = try await CaptchaStore.create(code: "AAAAAA", now: now, on: db)
            let fresh = try await CaptchaStore.create(code: "CCCCCC", now: now.addingTimeInterval(300), on: db)
            try await CaptchaStore.purgeExpired(now: now.addingTimeInterval(650), on: db)
            #expect(try await CaptchaRecord.find(old, on: db) == nil)
            #expect(try await CaptchaRecord.find(fresh, on: db) != nil)
        }
    }
}
