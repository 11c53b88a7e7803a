import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Resuming a draft saved without an account (SPEC §4): the link (or the *numéro de
/// télédossier*) and the password. A wrong number and a wrong password get the same
/// answer, as slowly, and attempts are limited per client and per number.
public enum DraftResume {
    public static let numberField = "numero"
    public static let passwordField = "motDePasse"

    /// Why a draft cannot be resumed any more.
    public enum Refusal: Sendable, Equatable {
        case alreadySubmitted
        case expired
    }

    /// Whether the draft of a resume link can still be resumed (nil when it can, or
    /// when no draft has that number: the form says nothing about which numbers exist).
    public static func refusal(number: String, in context: OperationContext) async throws -> Refusal? {
        guard let dossier = try await Dossiers.find(resumeNumber: ResumeCredentials.normalizedNumber(number), on: context.db)?.dossier else {
            return nil
        }
        return refusal(dossier, now: context.now)
    }

    public enum Outcome: Sendable, Equatable {
        /// The password is right: this session may open the draft.
        case unlocked(UUID)
        case refused(FieldErrors)
        case unavailable(Refusal)
    }

    public static func unlock(number typedNumber: String, password typedPassword: String, in context: OperationContext) async throws -> Outcome {
        let number = ResumeCredentials.normalizedNumber(typedNumber)
        let password = String(typedPassword.filter { !$0.isWhitespace })
        var errors = FieldErrors()
        if number.isEmpty { errors.add(numberField, "Saisissez le numéro de télédossier reçu par courriel.") }
        if password.isEmpty { errors.add(passwordField, "Saisissez le mot de passe reçu par courriel.") }
        guard errors.isEmpty else { return .refused(errors) }
        for subject in ["address:" + context.clientLimitKey, "number:" + number] {
            try await OperationError.limit(.resumeAttempts, subject: subject, in: context)
        }
        let passwords = context.guichet.services.passwords
        let record = try await Dossiers.find(resumeNumber: number, on: context.db)
        if let dossier = record?.dossier, let refusal = refusal(dossier, now: context.now) { return .unavailable(refusal) }
        let matches: Bool
        if let hash = record?.resumePasswordHash {
            matches = try await passwords.verify(password.uppercased(), against: hash)
        } else {
            // As slow as a real check, so timing does not tell which numbers exist.
            try await passwords.verifyAgainstNothing(password)
            matches = false
        }
        guard let id = record?.id, matches else {
            errors.add(passwordField, "Le numéro de télédossier ou le mot de passe est incorrect. Vérifiez le courriel reçu lors de l'enregistrement.")
            return .refused(errors)
        }
        return .unlocked(id)
    }

    private static func refusal(_ dossier: Dossier, now: Date) -> Refusal? {
        if dossier.isSubmitted { return .alreadySubmitted }
        if let savedAt = dossier.savedAt, DraftPolicy.isExpired(savedAt: savedAt, now: now) { return .expired }
        return nil
    }
}
