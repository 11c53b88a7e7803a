import FluentKit
import Foundation
import GuichetCore
@testable import GuichetOperations
import GuichetStore
import GuichetTestSupport
import Synchronization
import Testing

/// A password hasher that counts the passwords it checks and takes its time, so that
/// requests released at once overlap.
final class CountingHasher: PasswordHashing {
    let base: any PasswordHashing
    let delay: Duration
    private let counts = Mutex(0)

    init(base: any PasswordHashing, delay: Duration = .milliseconds(150)) {
        self.base = base
        self.delay = delay
    }

    var verifications: Int { counts.withLock { $0 } }

    func hash(_ password: String) async throws -> String { try await base.hash(password) }
    func needsRehash(_ hash: String) -> Bool { base.needsRehash(hash) }
    func verifyAgainstNothing(_ password: String) async throws { try await base.verifyAgainstNothing(password) }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        counts.withLock { $0 += 1 }
        try await Task.sleep(for: delay)
        return try await base.verify(password, against: hash)
    }
}

/// What a review and a few attacks found (issue 10), as operations without HTTP.
@Suite struct HardeningOperationTests {
    @Test func fortySignInsReleasedAtOnceCheckAtMostFivePasswords() async throws {
        try await withPortal { plain in
            let account = try await plain.createAccount()
            let hasher = CountingHasher(base: TestPortal.passwords)
            let portal = plain.with { $0.passwords = hasher }
            let outcomes = try await withThrowingTaskGroup(of: SignIn.PasswordOutcome.self) { group in
                for attempt in 0..<39 {
                    // Different addresses: the account's lockout is what is tested.
                    group.addTask {
                        try await SignIn.submitPassword(identifier: "jeanne.martin", password: "mauvais \(attempt)", returnTo: nil,
                                                        in: portal.context(address: "198.51.100.\(attempt + 1)"))
                    }
                }
                return try await group.reduce(into: [SignIn.PasswordOutcome]()) { $0.append($1) }
            }
            let right = try await SignIn.submitPassword(identifier: "jeanne.martin", password: TestPortal.password, returnTo: nil,
                                                        in: portal.context(address: "198.51.100.200"))
            #expect(hasher.verifications <= LockoutPolicy.maximumFailures, "\(hasher.verifications) passwords were checked")
            #expect(outcomes.filter { $0 == .refused(.invalid) }.count == LockoutPolicy.maximumFailures - 1)
            if case .signedIn = right { Issue.record("the right password signed in after five failures") }
            #expect(try await portal.record(account).lockedUntil != nil)
            #expect(try await portal.emails(to: "jeanne@exemple.fr").filter { $0.subject == "Votre compte Guichet est verrouillé" }.count == 1)
        }
    }

    @Test func theAddressThrottleIsCountedBeforeThePasswordIsChecked() async throws {
        try await withPortal { plain in
            for number in 0..<5 { try await plain.createAccount("compte.\(number)", email: "c\(number)@exemple.fr") }
            let hasher = CountingHasher(base: TestPortal.passwords, delay: .milliseconds(50))
            let portal = plain.with { $0.passwords = hasher }
            let limit = LockoutPolicy.addressFailures.limit
            let outcomes = try await withThrowingTaskGroup(of: SignIn.PasswordOutcome.self) { group in
                for attempt in 0..<(limit + 10) {
                    group.addTask {
                        try await SignIn.submitPassword(identifier: "compte.\(attempt % 5)", password: "faux", returnTo: nil,
                                                        in: portal.context(address: "203.0.113.9"))
                    }
                }
                return try await group.reduce(into: [SignIn.PasswordOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .refused(.throttled) }.count >= 10)
            #expect(hasher.verifications <= limit)
        }
    }

    @Test func aRightPasswordBeforeASecondFactorIsNotAFreshCount() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            try await Accounts.enableSecondFactor(account.id, kind: .sms, phone: PhoneNumber("06 12 34 56 78"), totpSecret: nil,
                                                  unlockCodeHash: "x", now: portal.clock.now(), on: portal.db)
            for _ in 0..<3 { _ = try await Accounts.recordFailure(account.id, now: portal.clock.now(), on: portal.db) }
            guard case .codeRequired = try await SignIn.submitPassword(identifier: "jeanne.martin", password: TestPortal.password,
                                                                       returnTo: nil, in: portal.context()) else {
                Issue.record("a code should be asked for")
                return
            }
            #expect(try await portal.record(account).failedSignIns == 3, "the three failures still count for the codes")
        }
    }

    @Test func anUnreadableAuthenticatorKeyPointsToTheUnlockCode() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            try await Accounts.enableSecondFactor(account.id, kind: .totp, phone: nil, totpSecret: "v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                                  unlockCodeHash: "x", now: portal.clock.now(), on: portal.db)
            guard case .codeRequired(let pending) = try await SignIn.submitPassword(identifier: "jeanne.martin", password: TestPortal.password,
                                                                                   returnTo: nil, in: portal.context()) else { return }
            for code in ["000000", TOTP.code(secret: [], step: TOTP.timeStep(at: portal.clock.now()))] {
                #expect(try await SignIn.submitCode(pending, code: code, in: portal.context()) == .refused(SignIn.unreadableKeyMessage))
            }
            #expect(SignIn.unreadableKeyMessage.contains("code de déblocage"))
            #expect(try await portal.record(account).failedSignIns == 0, "the owner is not locked out by the portal's own fault")
        }
    }

    @Test func signUpSaysNothingOfTakenIdentifiersWithoutTheCaptcha() async throws {
        try await withPortal { portal in
            try await portal.createAccount()
            let form = SignUpForm(identifier: "jeanne.martin", password: "une autre phrase de passe", email: "autre@exemple.fr",
                                  civility: "monsieur", lastName: "Durand", firstNames: "Paul")
            let challenge = try await Captchas.issue(in: portal.context())
            guard case .failure(let errors) = try await SignUp.register(form, captcha: .init(id: challenge.id, typed: "FAUX"),
                                                                        in: portal.context()) else { return }
            #expect(errors["identifier"] == nil, "an attacker without the captcha learns nothing")
            #expect(errors[Captchas.codeField] != nil)
            let solved = try await Captchas.issue(in: portal.context())
            guard case .failure(let again) = try await SignUp.register(form, captcha: .init(id: solved.id, typed: TestPortal.captchaCode),
                                                                       in: portal.context()) else { return }
            #expect(again["identifier"] == SignUp.takenMessage)
        }
    }

    @Test func replacingASecondFactorNeedsThePasswordAndTheCurrentFactorAndEndsOtherSessions() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            let other = try await BrowserSessionStore.create(data: [:], userID: account.id, replacing: nil, in: portal.context())
            let setup = try SecondFactorEnrolment.authenticatorSetup(account, sealed: nil, in: portal.context())
            let secret = try #require(Base32.decode(setup.secret))
            let code = { TOTP.code(secret: secret, step: TOTP.timeStep(at: portal.clock.now())) }
            // Without the password: refused, whatever the code.
            guard case .failure(let noPassword) = try await SecondFactorEnrolment.confirmAuthenticator(
                account, sealed: setup.sealed, code: code(), proof: .init(password: ""), keepingSession: nil, in: portal.context()) else {
                Issue.record("enabled without the password")
                return
            }
            #expect(noPassword[SecondFactorEnrolment.passwordField] != nil)
            guard case .success(let unlock) = try await SecondFactorEnrolment.confirmAuthenticator(
                account, sealed: setup.sealed, code: code(), proof: .init(password: TestPortal.password), keepingSession: nil,
                in: portal.context()) else {
                Issue.record("not enabled")
                return
            }
            #expect(try await BrowserSessionStore.load(token: other, in: portal.context()) == .expired, "other sessions are ended")
            #expect(try await portal.emails(to: "jeanne@exemple.fr").last?.text.contains("vos autres connexions ont été fermées") == true)
            // Replacing it by SMS needs the current factor too.
            let enabled = try #require(try await AccountProfile.account(account.id, in: portal.context()))
            guard case .failure(let noFactor) = try await SecondFactorEnrolment.startSMS(enabled, phone: "06 12 34 56 78",
                                                                                        proof: .init(password: TestPortal.password),
                                                                                        in: portal.context()) else {
                Issue.record("replaced without the current factor")
                return
            }
            #expect(noFactor[SecondFactorEnrolment.currentFactorField] != nil)
            guard case .success = try await SecondFactorEnrolment.startSMS(enabled, phone: "06 12 34 56 78",
                                                                          proof: .init(password: TestPortal.password, currentFactor: unlock),
                                                                          in: portal.context()) else {
                Issue.record("the unlock code was refused")
                return
            }
        }
    }

    @Test func theOutboxHoldsNoLinkOrCodeInClear() async throws {
        try await withPortal { portal in
            try await portal.createAccount()
            let challenge = try await Captchas.issue(in: portal.context())
            #expect(try await Recovery.forgotPassword(identifier: "jeanne.martin", captcha: .init(id: challenge.id, typed: TestPortal.captchaCode),
                                                      in: portal.context()) == nil)
            let stored = try await OutboxRecord.query(on: portal.db).all()
            #expect(!stored.isEmpty)
            for record in stored {
                #expect(record.payload.hasPrefix("v1:"))
                #expect(!record.payload.contains("jeton") && !record.payload.contains("mot-de-passe"))
            }
            try await portal.deliverOutbox()
            #expect(portal.mail.sent.last?.text.contains("?jeton=") == true, "the worker opens it to deliver")
        }
    }

    @Test func failedMessagesArePurgedAfterThirtyDays() async throws {
        try await withPortal { portal in
            portal.mail.fail(with: .permanent("550 refused"))
            try await portal.createAccount()
            let challenge = try await Captchas.issue(in: portal.context())
            _ = try await Recovery.forgotIdentifier(email: "jeanne@exemple.fr", captcha: .init(id: challenge.id, typed: TestPortal.captchaCode),
                                                    in: portal.context())
            #expect(try await portal.deliverOutbox().failed == 1)
            portal.clock.advance(by: Purges.deliveredMessageRetention + 60)
            try await Purges.run(db: portal.db, now: portal.clock.now(), guichet: portal.guichet, force: true)
            #expect(try await OutboxRecord.query(on: portal.db).count() == 0)
        }
    }

    @Test func anonymousSavesAreLimitedPerAddressAndNeedTheCaptcha() async throws {
        try await withPortal { portal in
            let dossier = try await portal.filledBirthRequest()
            let noCaptcha = try await DossierSaving.saveWithoutAccount(dossier, email: "elodie@exemple.fr", captcha: .init(id: "", typed: ""),
                                                                       in: portal.context())
            #expect(noCaptcha?[Captchas.codeField] != nil)
            var refusedAt: Int?
            for attempt in 1...(RateLimitRule.anonymousSavesPerRecipient.limit + 1) {
                let challenge = try await Captchas.issue(in: portal.context())
                do {
                    _ = try await DossierSaving.saveWithoutAccount(dossier, email: "elodie@exemple.fr",
                                                                   captcha: .init(id: challenge.id, typed: TestPortal.captchaCode),
                                                                   in: portal.context())
                } catch OperationError.tooManyRequests {
                    refusedAt = attempt
                    break
                }
            }
            #expect(refusedAt == RateLimitRule.anonymousSavesPerRecipient.limit + 1)
        }
    }

    @Test func anonymousSubmissionsAreLimitedPerAddress() async throws {
        try await withPortal { portal in
            var transmitted = 0
            do {
                for _ in 0..<(RateLimitRule.anonymousSubmissions.limit + 1) {
                    let dossier = try await portal.filledBirthRequest()
                    if case .transmitted = try await DossierSubmission.submit(dossier, account: nil, in: portal.context()) { transmitted += 1 }
                }
                Issue.record("never limited")
            } catch OperationError.tooManyRequests {
                #expect(transmitted == RateLimitRule.anonymousSubmissions.limit)
            }
        }
    }
}
