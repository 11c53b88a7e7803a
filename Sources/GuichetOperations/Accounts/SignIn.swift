import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Logging
import Synchronization

/// Signing in (SPEC §1) as a typed sequence: the password, then — for an account with a
/// second factor — the code, then signed in. The front door keeps the `Pending` state
/// between the two steps (in the browser's session) and does the session rotation.
public enum SignIn {
    /// How long a password stays accepted while the code is awaited.
    public static let pendingLifetime: TimeInterval = 10 * 60

    /// A password accepted, the second factor awaited.
    public struct Pending: Sendable, Equatable, Codable {
        public let userID: UUID
        public let since: Date
        /// The SMS challenge, for an SMS factor.
        public let challenge: UUID?
        /// Where to go once signed in (already validated by the front door).
        public let returnTo: String?
    }

    public enum PasswordOutcome: Sendable, Equatable {
        /// A field left empty: the errors to show next to the fields.
        case incomplete(FieldErrors)
        case refused(SignInRefusal)
        /// The address is not confirmed yet: the page offers a new activation link.
        case awaitingActivation(userID: UUID)
        case codeRequired(Pending)
        case signedIn(Account)
    }

    public static func submitPassword(identifier: String, password: String, returnTo: String?,
                                      in context: OperationContext) async throws -> PasswordOutcome {
        var errors = FieldErrors()
        if Text.normalized(identifier).isEmpty { errors.add("identifier", "Saisissez votre identifiant.") }
        if password.isEmpty { errors.add("password", "Saisissez votre mot de passe.") }
        guard errors.isEmpty else { return .incomplete(errors) }
        switch try await CredentialCheck.check(identifier: identifier, password: password, in: context) {
        case .refused(let refusal):
            return .refused(refusal)
        case .accepted(let user, _):
            guard let id = user.id else { return .refused(.invalid) }
            guard user.isConfirmed else {
                try await Accounts.releaseAttempt(id, now: context.now, on: context.db)
                return .awaitingActivation(userID: id)
            }
            guard let kind = user.secondFactorKind else { return .signedIn(try await complete(user, in: context)) }
            // The password alone is not a success: its attempt is given back, and the
            // code's attempts are counted from where the failures were.
            try await Accounts.releaseAttempt(id, now: context.now, on: context.db)
            var challenge: UUID?
            if kind == .sms, let phone = user.secondFactorPhone.flatMap(PhoneNumber.init) {
                challenge = try await SMSCodes.start(userID: id, phone: phone, purpose: .signIn, in: context)
            }
            return .codeRequired(Pending(userID: id, since: context.now, challenge: challenge, returnTo: returnTo))
        }
    }

    /// What the code page shows.
    public struct CodePrompt: Sendable, Equatable {
        public let kind: SecondFactorKind
        public let maskedPhone: String?
    }

    /// The code page of a pending sign-in; nil when it has expired or its account has
    /// no second factor any more (the user starts again).
    public static func prompt(_ pending: Pending, in context: OperationContext) async throws -> CodePrompt? {
        guard let (user, kind) = try await pendingUser(pending, in: context) else { return nil }
        return CodePrompt(kind: kind, maskedPhone: user.secondFactorPhone.flatMap(PhoneNumber.init)?.masked)
    }

    public enum CodeOutcome: Sendable, Equatable {
        case signedIn(Account)
        /// The pending sign-in is gone: start again from the sign-in page.
        case restart
        /// The account is locked (now or already): back to the sign-in page with the reason.
        case locked(identifier: String, message: String)
        /// A wrong, expired or missing code: the French message for the code field.
        case refused(String)
        /// A new SMS code was sent.
        case resent
    }

    public static func submitCode(_ pending: Pending, code typed: String, in context: OperationContext) async throws -> CodeOutcome {
        guard let (user, kind) = try await pendingUser(pending, in: context), let id = user.id else { return .restart }
        let now = context.now
        if let until = user.lockedUntil, LockoutPolicy.isLocked(lockedUntil: until, now: now) {
            return .locked(identifier: user.identifier, message: LockoutPolicy.lockedMessage(until: until))
        }
        let code = OneTimeCodePolicy.normalizedInput(typed)
        guard !code.isEmpty else { return .refused("Saisissez le code à 6 chiffres.") }
        // The attempt is counted before the code is checked, like a password.
        let attempt: Int
        switch try await CredentialCheck.claim(user, in: context) {
        case .failure(.locked(let until)):
            return .locked(identifier: user.identifier, message: LockoutPolicy.lockedMessage(until: until))
        case .failure(let refusal):
            return .refused(refusal.message)
        case .success(let claimed):
            attempt = claimed
        }
        let problem: String
        switch kind {
        case .sms:
            guard let challenge = pending.challenge else {
                try await Accounts.releaseAttempt(id, now: now, on: context.db)
                return .restart
            }
            switch try await CodeChallenges.verify(challenge, userID: id, codeHash: SMSCodes.hash(challenge: challenge, code: code),
                                                   now: now, on: context.db) {
            case .valid:
                try await CredentialCheck.accepted(in: context)
                return .signedIn(try await complete(user, in: context))
            case .wrong(let left):
                problem = left > 0
                    ? "Le code est incorrect. Il vous reste \(Text.counted(left, "essai"))."
                    : "Le code est incorrect. Vous avez fait trois essais : demandez un nouveau code."
            case .expired:
                problem = "Ce code a expiré ou a déjà été refusé trois fois : demandez un nouveau code."
            }
        case .totp:
            // Fail closed: a key that cannot be unsealed (SECRET_KEY changed or lost)
            // matches no code, never an empty key anyone could compute.
            guard let stored = user.totpSecret, let secret = context.guichet.secrets.open(stored, account: id).flatMap(Base32.decode),
                  !secret.isEmpty else {
                try await Accounts.releaseAttempt(id, now: now, on: context.db)
                try await CredentialCheck.accepted(in: context)
                UnreadableKeys.report(id)
                return .refused(unreadableKeyMessage)
            }
            if let step = TOTP.matchingStep(code, secret: secret, now: now, after: user.totpLastStep.map(Int64.init)),
               try await Accounts.useTOTPStep(id, step: step, on: context.db) {
                try await CredentialCheck.accepted(in: context)
                return .signedIn(try await complete(user, in: context))
            }
            problem = "Le code est incorrect ou a déjà servi. Saisissez le code affiché maintenant par l'application."
        }
        if case .locked(let until) = try await CredentialCheck.recordFailure(of: user, attempt: attempt, kind: .secondFactorFailed,
                                                                             in: context) {
            return .locked(identifier: user.identifier, message: LockoutPolicy.lockedMessage(until: until))
        }
        return .refused(problem)
    }

    /// When the authenticator key stored with the account cannot be read (the portal's
    /// `SECRET_KEY` changed): no code can match; the unlock code still removes the factor.
    public static let unreadableKeyMessage = "Votre code ne peut pas être vérifié pour le moment. Pour vous connecter, retirez la connexion avec un code grâce à votre code de déblocage, depuis « Numéro de téléphone modifié ? » sur la page de connexion."

    /// *Recevoir un nouveau code* on the SMS code page.
    public static func resendCode(_ pending: Pending, in context: OperationContext) async throws -> CodeOutcome {
        guard let (user, kind) = try await pendingUser(pending, in: context), let id = user.id else { return .restart }
        if let until = user.lockedUntil, LockoutPolicy.isLocked(lockedUntil: until, now: context.now) {
            return .locked(identifier: user.identifier, message: LockoutPolicy.lockedMessage(until: until))
        }
        guard kind == .sms, let challenge = pending.challenge else { return .restart }
        if let problem = try await SMSCodes.resend(challenge, userID: id, purpose: .signIn, in: context) { return .refused(problem) }
        return .resent
    }

    /// Signs out: the front door ends the session; this logs it.
    public static func signOut(_ account: Account, in context: OperationContext) async throws {
        try await context.log(.signedOut, for: account.id)
    }

    /// A new activation link, for someone who proved their password but lost the first
    /// one; false when the account is gone or already confirmed.
    public static func resendActivation(userID: UUID, in context: OperationContext) async throws -> Bool {
        guard let user = try await Accounts.find(userID, on: context.db), !user.isConfirmed else { return false }
        try await OperationError.limit(.activationEmails, subject: userID.uuidString, in: context)
        let now = context.now
        let mailer = context.mailer
        let guichet = context.guichet
        try await context.db.writeTransaction { db in
            let link = try await EmailLinks.issue(.confirmEmail, userID: userID, target: .activate, guichet: guichet, now: now, on: db)
            try await OutboxQueue.enqueue(try mailer.envelope(AccountMails.activation(identifier: user.identifier, link: link),
                                                         to: Mailbox(user.email)), on: db, now: now)
        }
        return true
    }

    /// The whole sign-in succeeded: the failure count starts again and the log says so.
    static func complete(_ user: UserRecord, in context: OperationContext) async throws -> Account {
        guard let account = user.account else { throw OperationError.notFound }
        try await Accounts.resetFailures(account.id, on: context.db)
        try await context.log(.signedIn, for: account.id)
        return account
    }

    private static func pendingUser(_ pending: Pending, in context: OperationContext) async throws -> (UserRecord, SecondFactorKind)? {
        guard context.now.timeIntervalSince(pending.since) < pendingLifetime,
              let user = try await Accounts.find(pending.userID, on: context.db), let kind = user.secondFactorKind else { return nil }
        return (user, kind)
    }
}

/// Keys that cannot be unsealed are an operator's problem (a changed or lost
/// `SECRET_KEY`): said once per account and process in the log, not at every attempt.
enum UnreadableKeys {
    private static let reported = Mutex<Set<UUID>>([])

    static func report(_ account: UUID) {
        let first = reported.withLock { $0.insert(account).inserted }
        guard first else { return }
        Logger(label: "guichet.secrets").error("an authenticator key cannot be unsealed: SECRET_KEY or secret.key has changed", metadata: [
            "account_id": .string(account.uuidString),
        ])
    }
}
