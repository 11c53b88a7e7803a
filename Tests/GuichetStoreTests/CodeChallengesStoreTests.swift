import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Testing

/// SMS codes: three tries means three, even when they arrive at once.
@Suite struct CodeChallengesStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func user(on db: any Database) async throws -> UUID {
        let valid = try SignUpForm(identifier: "jeanne.martin", password: "un café au lait sans sucre", email: "jeanne@exemple.fr",
                                   civility: "madame", lastName: "Martin", firstNames: "Jeanne").validate().get()
        return try await Accounts.create(valid, passwordHash: "$argon2id$test", now: now, on: db).requireID()
    }

    @Test func twentyConcurrentWrongCodesCountThreeTries() async throws {
        try await withStore { db in
            let userID = try await user(on: db)
            let phone = try #require(PhoneNumber("06 12 34 56 78"))
            let id = try await CodeChallenges.start(userID: userID, purpose: .signIn, phone: phone, now: now, codeHash: { _ in "right" }, on: db)
            let now = self.now
            let verdicts = try await withThrowingTaskGroup(of: CodeChallenges.Verdict.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await CodeChallenges.verify(id, userID: userID, codeHash: "wrong", now: now, on: db) }
                }
                return try await group.reduce(into: [CodeChallenges.Verdict]()) { $0.append($1) }
            }
            #expect(verdicts.filter { if case .wrong = $0 { true } else { false } }.count == 3)
            #expect(verdicts.filter { $0 == .expired }.count == 17)
            #expect(try await CodeChallenges.verify(id, userID: userID, codeHash: "right", now: now, on: db) == .expired,
                    "the right code after three tries is refused too")
        }
    }

    @Test func theRightCodeWorksOnceForItsAccountOnlyBeforeItExpires() async throws {
        try await withStore { db in
            let userID = try await user(on: db)
            let phone = try #require(PhoneNumber("06 12 34 56 78"))
            let id = try await CodeChallenges.start(userID: userID, purpose: .signIn, phone: phone, now: now, codeHash: { _ in "right" }, on: db)
            #expect(try await CodeChallenges.verify(id, userID: UUID(), codeHash: "right", now: now, on: db) == .expired, "another account")
            #expect(try await CodeChallenges.verify(id, userID: userID, codeHash: "right",
                                                    now: now.addingTimeInterval(OneTimeCodePolicy.lifetime), on: db) == .expired)
            #expect(try await CodeChallenges.verify(id, userID: userID, codeHash: "right", now: now, on: db) == .valid(phone: phone.e164))
            #expect(try await CodeChallenges.verify(id, userID: userID, codeHash: "right", now: now, on: db) == .expired, "used up")
        }
    }
}
