import FluentKit
import Foundation
import GuichetCore
import GuichetStore
import Logging

/// Signing in to the organisations' space (`/agents/connexion`): the address and the
/// password, then the authenticator code — with the citizens' protections: the
/// per-address throttle, the lockout counted before each secret is checked, the same
/// slowness for an unknown address, and an email when the access locks.
public enum AgentSignIn {
    /// How long a password stays accepted while the code is awaited.
    public static let pendingLifetime: TimeInterval = 10 * 60

    /// A password accepted, the code awaited (kept in the agents' session).
    public struct Pending: Sendable, Equatable, Codable {
        public let agentID: UUID
        public let since: Date
    }

    public enum PasswordOutcome: Sendable, Equatable {
        case incomplete(FieldErrors)
        case refused(SignInRefusal)
        case codeRequired(Pending)
    }

    public enum CodeOutcome: Sendable, Equatable {
        case signedIn(Agent)
        /// The pending sign-in is over (too old, the agent removed): start again.
        case restart
        case refused(String)
        case locked(String)
    }

    public static func submitPassword(email: String, password: String, in context: OperationContext) async throws -> PasswordOutcome {
        var errors = FieldErrors()
        if Text.normalized(email).isEmpty { errors.add("email", "Saisissez votre adresse électronique.") }
        if password.isEmpty { errors.add("password", "Saisissez votre mot de passe.") }
        guard errors.isEmpty else { return .incomplete(errors) }
        let passwords = context.guichet.services.passwords
        guard try await CredentialCheck.claimAddress(in: context) else { return .refused(.throttled) }
        guard let record = try await Agents.find(email: Text.normalized(email), on: context.db), record.isActive,
              let id = record.id, let hash = record.passwordHash else {
            try await passwords.verifyAgainstNothing(password)
            return .refused(.invalid)
        }
        let attempt: Int
        switch try await Agents.claimAttempt(id, now: context.now, on: context.db) {
        case .locked(let until):
            try await CredentialCheck.releaseAddress(in: context)
            return .refused(.locked(until: until))
        case .claimed(let claimed):
            attempt = claimed
        }
        let right: Bool
        do {
            right = try await passwords.verify(PasswordPolicy.normalized(password), against: hash)
        } catch {
            // An overloaded hasher must not lock anyone out.
            try? await Agents.releaseAttempt(id, now: context.now, on: context.db)
            try? await CredentialCheck.releaseAddress(in: context)
            throw error
        }
        guard right else { return .refused(try await failed(record, attempt: attempt, in: context)) }
        try await CredentialCheck.releaseAddress(in: context)
        if passwords.needsRehash(hash) {
            try await Agents.setPasswordHash(id, try await passwords.hash(PasswordPolicy.normalized(password)), on: context.db)
        }
        // The password alone is not a success: the code's attempts follow on this count.
        try await Agents.releaseAttempt(id, now: context.now, on: context.db)
        return .codeRequired(Pending(agentID: id, since: context.now))
    }

    public static func submitCode(_ pending: Pending, code: String, in context: OperationContext) async throws -> CodeOutcome {
        guard context.now.timeIntervalSince(pending.since) < pendingLifetime,
              let record = try await Agents.find(pending.agentID, on: context.db), record.isActive, let id = record.id,
              let sealed = record.totpSecret else { return .restart }
        let typed = OneTimeCodePolicy.normalizedInput(code)
        guard !typed.isEmpty else { return .refused("Saisissez le code de 6 chiffres affiché par votre application d'authentification.") }
        guard try await CredentialCheck.claimAddress(in: context) else { return .refused(SignInRefusal.throttled.message) }
        let attempt: Int
        switch try await Agents.claimAttempt(id, now: context.now, on: context.db) {
        case .locked(let until):
            try await CredentialCheck.releaseAddress(in: context)
            return .locked(LockoutPolicy.lockedMessage(until: until))
        case .claimed(let claimed):
            attempt = claimed
        }
        // A key that cannot be unsealed (SECRET_KEY changed) matches no code: fail closed.
        guard let secret = context.guichet.secrets.open(sealed, account: id).flatMap(Base32.decode), !secret.isEmpty else {
            Logger(label: "guichet.agents").error("agent authenticator key cannot be unsealed", metadata: ["organisation": .string(record.organisationKey)])
            _ = try await failed(record, attempt: attempt, in: context)
            return .refused("Votre code ne peut pas être vérifié. Demandez à l'administrateur du portail de vous inviter à nouveau.")
        }
        if let step = TOTP.matchingStep(typed, secret: secret, now: context.now, after: record.totpLastStep.map(Int64.init)),
           try await Agents.useTOTPStep(id, step: step, on: context.db) {
            try await CredentialCheck.releaseAddress(in: context)
            try await Agents.signedIn(id, now: context.now, on: context.db)
            return .signedIn(try Agent(record, guichet: context.guichet))
        }
        if case .locked(let until) = try await failed(record, attempt: attempt, in: context) {
            return .locked(LockoutPolicy.lockedMessage(until: until))
        }
        return .refused("Ce code ne correspond pas. Saisissez le code affiché maintenant par votre application.")
    }

    /// A wrong secret: it stays counted, and the agent is told when it locked the access.
    private static func failed(_ record: AgentRecord, attempt: Int, in context: OperationContext) async throws -> SignInRefusal {
        guard attempt >= LockoutPolicy.maximumFailures else { return .invalid }
        let until = context.now.addingTimeInterval(LockoutPolicy.lockDuration)
        try await OutboxQueue.enqueue(try context.mailer.envelope(AgentMails.locked(until: until), to: Mailbox(record.email)),
                                      on: context.db, now: context.now)
        return .locked(until: until)
    }
}
