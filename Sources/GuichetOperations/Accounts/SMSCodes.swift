import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Codes sent by SMS: creation, hashing and the message itself.
enum SMSCodes {
    static func hash(challenge: UUID, code: String) -> String {
        TokenHash.sha256("\(challenge.uuidString):\(OneTimeCodePolicy.normalizedInput(code))")
    }

    static func text(_ code: String, purpose: CodeChallenges.Purpose) -> String {
        switch purpose {
        case .signIn: "Guichet : votre code de connexion est \(code). Il expire dans 5 minutes. Ne le communiquez à personne."
        case .enrol: "Guichet : votre code de confirmation est \(code). Il expire dans 5 minutes. Ne le communiquez à personne."
        }
    }

    /// Starts a challenge and queues its SMS in one transaction (at most ten SMS an
    /// hour per account, so nobody can use the portal to flood a phone).
    static func start(userID: UUID, phone: PhoneNumber, purpose: CodeChallenges.Purpose, in context: OperationContext) async throws -> UUID {
        let now = context.now
        let secrets = context.guichet.secrets
        try await OperationError.limit(.smsCodes, subject: userID.uuidString, in: context)
        let code = OneTimeCodePolicy.generate()
        return try await context.db.writeTransaction { db in
            let id = try await CodeChallenges.start(userID: userID, purpose: purpose, phone: phone, now: now,
                                                    codeHash: { hash(challenge: $0, code: code) }, on: db)
            try await OutboxQueue.enqueue(try Outbox.envelope(SMSMessage(to: phone.e164, text: text(code, purpose: purpose)), sealer: secrets), on: db, now: now)
            return id
        }
    }

    /// Sends a new code for an existing challenge, within the resend limits; the French
    /// refusal when it cannot.
    static func resend(_ challenge: UUID, userID: UUID, purpose: CodeChallenges.Purpose, in context: OperationContext) async throws -> String? {
        let now = context.now
        let secrets = context.guichet.secrets
        let code = OneTimeCodePolicy.generate()
        let outcome = try await context.db.writeTransaction { db in
            let outcome = try await CodeChallenges.resend(challenge, userID: userID, now: now,
                                                          codeHash: hash(challenge: challenge, code: code), on: db)
            if case .resent(let phone) = outcome {
                try await OutboxQueue.enqueue(try Outbox.envelope(SMSMessage(to: phone, text: text(code, purpose: purpose)), sealer: secrets), on: db, now: now)
            }
            return outcome
        }
        switch outcome {
        case .resent: return nil
        case .tooSoon(let seconds): return "Patientez \(seconds) secondes avant de demander un nouveau code."
        case .limitReached: return "Vous avez demandé trop de codes. Recommencez la connexion depuis le début."
        case .expired: return "Cette demande de code a expiré. Recommencez depuis le début."
        }
    }
}
