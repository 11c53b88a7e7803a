import FluentKit
import Foundation
import GuichetCore
@testable import GuichetOperations
import GuichetStore
import GuichetTestSupport
import Testing

/// Signing in without HTTP: the password, the lockout, the second factor (SPEC §1).
@Suite struct SignInOperationTests {
    @Test func theRightPasswordSignsInAndIsLogged() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            let outcome = try await SignIn.submitPassword(identifier: "Jeanne.Martin", password: TestPortal.password, returnTo: nil,
                                                          in: portal.context())
            #expect(outcome == .signedIn(account))
            #expect(try await portal.securityEvents(of: account).first == .signedIn)
        }
    }

    @Test func fiveWrongPasswordsLockTheAccountForTwoHours() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            for attempt in 1...4 {
                let outcome = try await SignIn.submitPassword(identifier: "jeanne.martin", password: "mauvais mot de passe \(attempt)",
                                                              returnTo: nil, in: portal.context())
                #expect(outcome == .refused(.invalid))
            }
            let fifth = try await SignIn.submitPassword(identifier: "jeanne.martin", password: "encore faux", returnTo: nil, in: portal.context())
            let until = portal.clock.now().addingTimeInterval(LockoutPolicy.lockDuration)
            #expect(fifth == .refused(.locked(until: until)))
            #expect(try await portal.emails(to: "jeanne@exemple.fr").map(\.subject) == ["Votre compte Guichet est verrouillé"])
            // Locked, even the right password is refused.
            #expect(try await SignIn.submitPassword(identifier: "jeanne.martin", password: TestPortal.password, returnTo: nil,
                                                    in: portal.context()) == .refused(.locked(until: until)))
            // It unlocks by itself after two hours.
            portal.clock.advance(by: LockoutPolicy.lockDuration)
            #expect(try await SignIn.submitPassword(identifier: "jeanne.martin", password: TestPortal.password, returnTo: nil,
                                                    in: portal.context()) == .signedIn(account))
            #expect(try await portal.record(account).failedSignIns == 0, "a success resets the counter")
        }
    }

    @Test func emptyFieldsAreNamedBeforeAnythingIsChecked() async throws {
        try await withPortal { portal in
            guard case .incomplete(let errors) = try await SignIn.submitPassword(identifier: " ", password: "", returnTo: nil,
                                                                                in: portal.context()) else {
                Issue.record("expected the missing fields")
                return
            }
            #expect(errors.entries.map(\.field) == ["identifier", "password"])
        }
    }

    @Test func anAuthenticatorCodeCompletesTheSignInOnceAndWrongCodesCount() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            let setup = try SecondFactorEnrolment.authenticatorSetup(account, sealed: nil, in: portal.context())
            let secret = try #require(Base32.decode(setup.secret))
            let enrolCode = TOTP.code(secret: secret, step: TOTP.timeStep(at: portal.clock.now()))
            guard case .success = try await SecondFactorEnrolment.confirmAuthenticator(account, sealed: setup.sealed, code: enrolCode,
                                                                                      proof: .init(password: TestPortal.password),
                                                                                      keepingSession: nil, in: portal.context()) else {
                Issue.record("enrolment refused")
                return
            }
            portal.clock.advance(by: 60)
            guard case .codeRequired(let pending) = try await SignIn.submitPassword(identifier: "jeanne.martin", password: TestPortal.password,
                                                                                   returnTo: "/mon-compte", in: portal.context()) else {
                Issue.record("a code should be asked for")
                return
            }
            #expect(pending.returnTo == "/mon-compte")
            #expect(try await SignIn.prompt(pending, in: portal.context()) == SignIn.CodePrompt(kind: .totp, maskedPhone: nil))
            #expect(try await SignIn.submitCode(pending, code: "000000", in: portal.context())
                    == .refused("Le code est incorrect ou a déjà servi. Saisissez le code affiché maintenant par l'application."))
            #expect(try await portal.record(account).failedSignIns == 1, "a wrong code counts towards the lockout")
            let code = TOTP.code(secret: secret, step: TOTP.timeStep(at: portal.clock.now()))
            #expect(try await SignIn.submitCode(pending, code: code, in: portal.context()) == .signedIn(try await portal.record(account).account!))
            #expect(try await portal.record(account).failedSignIns == 0)
            // The same code never signs in twice.
            guard case .codeRequired(let again) = try await SignIn.submitPassword(identifier: "jeanne.martin", password: TestPortal.password,
                                                                                 returnTo: nil, in: portal.context()) else { return }
            if case .signedIn = try await SignIn.submitCode(again, code: code, in: portal.context()) {
                Issue.record("a code was accepted twice")
            }
        }
    }

    @Test func anSMSCodeIsSentAndThePendingSignInExpires() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            guard case .success(let challenge) = try await SecondFactorEnrolment.startSMS(account, phone: "06 12 34 56 78",
                                                                                         proof: .init(password: TestPortal.password), in: portal.context()) else {
                Issue.record("the number was refused")
                return
            }
            try await portal.deliverOutbox()
            let enrolCode = try #require(portal.sms.sent.last?.text.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
                .first { $0.count == 6 && $0.allSatisfy(\.isNumber) })
            guard case .enabled = try await SecondFactorEnrolment.confirmSMS(challenge, of: account, code: String(enrolCode),
                                                                           keepingSession: nil, in: portal.context()) else {
                Issue.record("enrolment refused")
                return
            }
            guard case .codeRequired(let pending) = try await SignIn.submitPassword(identifier: "jeanne.martin", password: TestPortal.password,
                                                                                   returnTo: nil, in: portal.context()) else {
                Issue.record("a code should be asked for")
                return
            }
            #expect(try await SignIn.prompt(pending, in: portal.context())?.maskedPhone?.hasSuffix("78") == true)
            portal.clock.advance(by: SignIn.pendingLifetime)
            #expect(try await SignIn.prompt(pending, in: portal.context()) == nil)
            #expect(try await SignIn.submitCode(pending, code: "123456", in: portal.context()) == .restart)
        }
    }

    @Test func aSealedKeyThatCannotBeOpenedMatchesNoCode() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            // A key sealed under another SECRET_KEY: it cannot be opened here.
            try await Accounts.enableSecondFactor(account.id, kind: .totp, phone: nil, totpSecret: "v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                                  unlockCodeHash: "x", now: portal.clock.now(), on: portal.db)
            guard case .codeRequired(let pending) = try await SignIn.submitPassword(identifier: "jeanne.martin", password: TestPortal.password,
                                                                                   returnTo: nil, in: portal.context()) else { return }
            // The code of an empty key, which anyone could compute.
            let emptyKeyCode = TOTP.code(secret: [], step: TOTP.timeStep(at: portal.clock.now()))
            if case .signedIn = try await SignIn.submitCode(pending, code: emptyKeyCode, in: portal.context()) {
                Issue.record("an empty key signed in")
            }
        }
    }
}
