import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Testing

@Suite struct AccountsStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func create(_ identifier: String = "jeanne.martin", on db: any Database) async throws -> UserRecord {
        let valid = try SignUpForm(identifier: identifier, password: "un café au lait sans sucre", email: "jeanne@exemple.fr",
                                   civility: "madame", lastName: "Martin", firstNames: "Jeanne").validate().get()
        return try await Accounts.create(valid, passwordHash: "$argon2id$test", now: now, on: db)
    }

    @Test func identifiersAreUniqueIgnoringCase() async throws {
        try await withStore { db in
            _ = try await create("jeanne.martin", on: db)
            await #expect(throws: Accounts.CreationError.identifierTaken) { _ = try await create("Jeanne.Martin", on: db) }
            #expect(try await Accounts.find(identifier: "JEANNE.MARTIN", on: db) != nil)
        }
    }

    @Test func fifthFailureLocksForTwoHoursThenCountingStartsAfresh() async throws {
        try await withStore { db in
            let id = try await create(on: db).requireID()
            var outcomes: [Accounts.FailureOutcome] = []
            for _ in 0..<6 { outcomes.append(try await Accounts.recordFailure(id, now: now, on: db)) }
            let until = now.addingTimeInterval(2 * 3600)
            #expect(outcomes.prefix(4) == [.counted(failures: 1), .counted(failures: 2), .counted(failures: 3), .counted(failures: 4)])
            #expect(outcomes[4] == .lockedNow(until: until))
            #expect(outcomes[5] == .alreadyLocked(until: until))
            #expect(try await Accounts.recordFailure(id, now: until.addingTimeInterval(-1), on: db) == .alreadyLocked(until: until))
            #expect(try await Accounts.recordFailure(id, now: until, on: db) == .counted(failures: 1))
        }
    }

    @Test func successResetsTheCount() async throws {
        try await withStore { db in
            let id = try await create(on: db).requireID()
            for _ in 0..<4 { _ = try await Accounts.recordFailure(id, now: now, on: db) }
            try await Accounts.resetFailures(id, on: db)
            #expect(try await Accounts.recordFailure(id, now: now, on: db) == .counted(failures: 1))
        }
    }

    @Test func fiftyConcurrentFailuresCountFiveThenLock() async throws {
        try await withStore { db in
            let id = try await create(on: db).requireID()
            let now = self.now
            let outcomes = try await withThrowingTaskGroup(of: Accounts.FailureOutcome.self) { group in
                for _ in 0..<50 { group.addTask { try await Accounts.recordFailure(id, now: now, on: db) } }
                return try await group.reduce(into: [Accounts.FailureOutcome]()) { $0.append($1) }
            }
            let counted = outcomes.filter { if case .counted = $0 { true } else { false } }.count
            let lockedNow = outcomes.filter { if case .lockedNow = $0 { true } else { false } }.count
            #expect(counted == 4)
            #expect(lockedNow == 1)
            #expect(try await Accounts.find(id, on: db)?.failedSignIns == 5)
        }
    }

    @Test func emailLinksWorkOnceAndExpire() async throws {
        try await withStore { db in
            let id = try await create(on: db).requireID()
            try await AccountTokens.issue(userID: id, purpose: .resetPassword, tokenHash: "h1", now: now, on: db)
            #expect(try await AccountTokens.peek(tokenHash: "h1", purpose: .resetPassword, now: now, on: db) != nil)
            #expect(try await AccountTokens.consume(tokenHash: "h1", purpose: .confirmEmail, now: now, on: db) == nil, "purpose must match")
            #expect(try await AccountTokens.consume(tokenHash: "h1", purpose: .resetPassword, now: now, on: db)?.userID == id)
            #expect(try await AccountTokens.consume(tokenHash: "h1", purpose: .resetPassword, now: now, on: db) == nil, "single use")

            try await AccountTokens.issue(userID: id, purpose: .resetPassword, tokenHash: "h2", now: now, on: db)
            let expiry = now.addingTimeInterval(30 * 60)
            #expect(try await AccountTokens.peek(tokenHash: "h2", purpose: .resetPassword, now: expiry.addingTimeInterval(-1), on: db) != nil)
            #expect(try await AccountTokens.consume(tokenHash: "h2", purpose: .resetPassword, now: expiry, on: db) == nil)
        }
    }

    @Test func aNewLinkReplacesTheUnusedOne() async throws {
        try await withStore { db in
            let id = try await create(on: db).requireID()
            try await AccountTokens.issue(userID: id, purpose: .confirmEmail, tokenHash: "first", now: now, on: db)
            try await AccountTokens.issue(userID: id, purpose: .confirmEmail, tokenHash: "second", now: now, on: db)
            #expect(try await AccountTokens.consume(tokenHash: "first", purpose: .confirmEmail, now: now, on: db) == nil)
            #expect(try await AccountTokens.consume(tokenHash: "second", purpose: .confirmEmail, now: now, on: db) != nil)
        }
    }

    @Test func smsCodeAllowsThreeTriesWithinFiveMinutes() async throws {
        try await withStore { db in
            let id = try await create(on: db).requireID()
            let phone = PhoneNumber("06 12 34 56 78")!
            let challenge = try await CodeChallenges.start(userID: id, purpose: .signIn, phone: phone, now: now, codeHash: { _ in "good" }, on: db)
            #expect(try await CodeChallenges.verify(challenge, userID: id, codeHash: "bad", now: now, on: db) == .wrong(triesLeft: 2))
            #expect(try await CodeChallenges.verify(challenge, userID: UUID(), codeHash: "good", now: now, on: db) == .expired, "another account")
            #expect(try await CodeChallenges.verify(challenge, userID: id, codeHash: "good", now: now, on: db) == .valid(phone: "+33612345678"))
            #expect(try await CodeChallenges.verify(challenge, userID: id, codeHash: "good", now: now, on: db) == .expired, "used")

            let second = try await CodeChallenges.start(userID: id, purpose: .signIn, phone: phone, now: now, codeHash: { _ in "good" }, on: db)
            #expect(try await CodeChallenges.verify(second, userID: id, codeHash: "good", now: now.addingTimeInterval(300), on: db) == .expired)

            let third = try await CodeChallenges.start(userID: id, purpose: .signIn, phone: phone, now: now, codeHash: { _ in "good" }, on: db)
            for left in [2, 1, 0] {
                #expect(try await CodeChallenges.verify(third, userID: id, codeHash: "bad", now: now, on: db) == .wrong(triesLeft: left))
            }
            #expect(try await CodeChallenges.verify(third, userID: id, codeHash: "good", now: now, on: db) == .expired)
            // A new code for the used-up challenge gives three new tries.
            #expect(try await CodeChallenges.resend(third, userID: id, now: now.addingTimeInterval(60), codeHash: "new", on: db) == .resent(phone: "+33612345678"))
            #expect(try await CodeChallenges.verify(third, userID: id, codeHash: "new", now: now.addingTimeInterval(61), on: db) == .valid(phone: "+33612345678"))
        }
    }

    @Test func codesAreResentAtMostTwiceAndNotWithinAMinute() async throws {
        try await withStore { db in
            let id = try await create(on: db).requireID()
            let challenge = try await CodeChallenges.start(userID: id, purpose: .signIn, phone: PhoneNumber("0612345678")!, now: now,
                                                           codeHash: { _ in "c1" }, on: db)
            #expect(try await CodeChallenges.resend(challenge, userID: id, now: now.addingTimeInterval(30), codeHash: "c2", on: db) == .tooSoon(waitSeconds: 30))
            #expect(try await CodeChallenges.resend(challenge, userID: id, now: now.addingTimeInterval(60), codeHash: "c2", on: db) == .resent(phone: "+33612345678"))
            #expect(try await CodeChallenges.verify(challenge, userID: id, codeHash: "c1", now: now.addingTimeInterval(61), on: db) == .wrong(triesLeft: 2), "the old code no longer works")
            #expect(try await CodeChallenges.resend(challenge, userID: id, now: now.addingTimeInterval(120), codeHash: "c3", on: db) == .resent(phone: "+33612345678"))
            #expect(try await CodeChallenges.resend(challenge, userID: id, now: now.addingTimeInterval(180), codeHash: "c4", on: db) == .limitReached)
            #expect(try await CodeChallenges.verify(challenge, userID: id, codeHash: "c3", now: now.addingTimeInterval(181), on: db) == .valid(phone: "+33612345678"))
        }
    }

    @Test func anAuthenticatorStepIsAcceptedOnce() async throws {
        try await withStore { db in
            let id = try await create(on: db).requireID()
            #expect(try await Accounts.useTOTPStep(id, step: 100, on: db))
            #expect(try await !Accounts.useTOTPStep(id, step: 100, on: db))
            #expect(try await !Accounts.useTOTPStep(id, step: 99, on: db))
            #expect(try await Accounts.useTOTPStep(id, step: 101, on: db))
        }
    }

    @Test func deletionRemovesEverythingPersonal() async throws {
        try await withStore { db in
            let user = try await create(on: db)
            let id = try user.requireID()
            let other = try await create("paul.durand", on: db)
            try await AccountTokens.issue(userID: id, purpose: .confirmEmail, tokenHash: "t", now: now, on: db)
            try await SecurityEvents.record(.signedIn, userID: id, address: "1.2.3.4", now: now, on: db)
            try await SecurityEvents.record(.signedIn, userID: try other.requireID(), address: "1.2.3.4", now: now, on: db)
            try await BrowserSessions.insert(BrowserSessionRecord(tokenHash: "s", userID: id, data: "{}", now: now), on: db)
            try await Accounts.delete(id, on: db)
            #expect(try await Accounts.find(id, on: db) == nil)
            #expect(try await AccountTokenRecord.query(on: db).count() == 0)
            #expect(try await SecurityEventRecord.query(on: db).count() == 1)
            #expect(try await BrowserSessions.find(tokenHash: "s", on: db) == nil)
        }
    }

    @Test func unactivatedAccountsArePurgedAfterTheirDelay() async throws {
        try await withStore { db in
            let stale = try await create("ancien", on: db)
            let active = try await create("actif", on: db)
            try await Accounts.confirmEmail(try active.requireID(), now: now, on: db)
            try await Accounts.purgeUnconfirmed(createdBefore: now.addingTimeInterval(1), on: db)
            #expect(try await Accounts.find(try stale.requireID(), on: db) == nil)
            #expect(try await Accounts.find(try active.requireID(), on: db) != nil)
        }
    }
}
