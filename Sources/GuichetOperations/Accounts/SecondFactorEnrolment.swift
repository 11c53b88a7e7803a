import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Turning on a second factor (SPEC §1): an SMS number confirmed by a code, or an
/// authenticator application confirmed by its first code; then a new unlock code,
/// shown once.
public enum SecondFactorEnrolment {
    /// What proves it is the owner who turns a factor on: the current password, and the
    /// current factor when one is to be replaced (`currentFactor`: the application's
    /// code or the unlock code). Without it, a borrowed session could install an
    /// attacker's factor and read the new unlock code.
    public struct OwnerProof: Sendable, Equatable {
        public let password: String
        public let currentFactor: String

        public init(password: String, currentFactor: String = "") {
            self.password = password
            self.currentFactor = currentFactor
        }
    }

    /// The form fields of the proof, for the errors.
    public static let passwordField = "password"
    public static let currentFactorField = "currentFactor"

    /// Checks the owner's proof; the field errors when it fails (each wrong secret counts
    /// towards the lockout).
    static func check(_ proof: OwnerProof, of account: Account, in context: OperationContext) async throws -> FieldErrors? {
        let user = try await AccountOptions.record(account, in: context)
        var errors = FieldErrors()
        if let problem = try await CredentialCheck.confirmPassword(proof.password, of: user, in: context) {
            errors.add(passwordField, problem)
            return errors
        }
        if let problem = try await CredentialCheck.proveCurrentFactor(proof.currentFactor, of: user, in: context) {
            errors.add(currentFactorField, problem)
            return errors
        }
        return nil
    }

    /// Sends a confirmation code to the number once the owner is proven; returns the
    /// challenge to confirm.
    public static func startSMS(_ account: Account, phone typed: String, proof: OwnerProof,
                                in context: OperationContext) async throws -> Result<UUID, FieldErrors> {
        var errors = FieldErrors()
        let phone = PhoneNumber(typed)
        if Text.normalized(typed).isEmpty {
            errors.add("phone", "Saisissez le numéro de votre téléphone portable.")
        } else if phone == nil || (phone!.e164.hasPrefix("+33") && !phone!.isFrenchMobile) {
            errors.add("phone", "Saisissez un numéro de téléphone portable valide, par exemple 06 12 34 56 78.")
        }
        guard errors.isEmpty, let phone else { return .failure(errors) }
        if let refused = try await check(proof, of: account, in: context) { return .failure(refused) }
        return .success(try await SMSCodes.start(userID: account.id, phone: phone, purpose: .enrol, in: context))
    }

    /// The masked number a live enrolment challenge was sent to; nil when it is gone.
    public static func smsChallenge(_ challenge: UUID, of account: Account, in context: OperationContext) async throws -> String? {
        guard let record = try await CodeChallenges.find(challenge, userID: account.id, on: context.db) else { return nil }
        return PhoneNumber(record.phone)?.masked ?? ""
    }

    public enum Confirmation: Sendable, Equatable {
        /// The factor is on; the unlock code to show once.
        case enabled(unlockCode: String)
        case resent
        case refused(String)
        /// The challenge is gone: start the enrolment again.
        case restart
    }

    /// The code received proves the number; the factor is turned on and every other
    /// session of the account ends (all but `keepingSession`).
    public static func confirmSMS(_ challenge: UUID, of account: Account, code typed: String, keepingSession: String?,
                                  in context: OperationContext) async throws -> Confirmation {
        guard try await CodeChallenges.find(challenge, userID: account.id, on: context.db) != nil else { return .restart }
        let code = OneTimeCodePolicy.normalizedInput(typed)
        guard !code.isEmpty else { return .refused("Saisissez le code à 6 chiffres.") }
        switch try await CodeChallenges.verify(challenge, userID: account.id, codeHash: SMSCodes.hash(challenge: challenge, code: code),
                                               now: context.now, on: context.db) {
        case .valid(let phone):
            return .enabled(unlockCode: try await enable(.sms, for: account, phone: PhoneNumber(phone), totpSecret: nil,
                                                         keepingSession: keepingSession, in: context))
        case .wrong(let left):
            return .refused(left > 0 ? "Le code est incorrect. Il vous reste \(Text.counted(left, "essai"))."
                                     : "Le code est incorrect. Demandez un nouveau code.")
        case .expired:
            return .refused("Ce code a expiré ou a été refusé trois fois : demandez un nouveau code.")
        }
    }

    public static func resendSMS(_ challenge: UUID, of account: Account, in context: OperationContext) async throws -> Confirmation {
        guard try await CodeChallenges.find(challenge, userID: account.id, on: context.db) != nil else { return .restart }
        if let problem = try await SMSCodes.resend(challenge, userID: account.id, purpose: .enrol, in: context) { return .refused(problem) }
        return .resent
    }

    /// An authenticator key being enrolled, as the page shows it.
    public struct AuthenticatorSetup: Sendable, Equatable {
        /// The key in base32, to type by hand.
        public let secret: String
        /// The `otpauth://` link the application imports.
        public let uri: String
        public let qrCode: QRMatrix?
        /// The key sealed for the account, for the front door to keep until the first
        /// code is accepted (never in clear in a session row).
        public let sealed: String
    }

    /// The key being enrolled: the one kept sealed by the front door, or a new one.
    public static func authenticatorSetup(_ account: Account, sealed: String?, in context: OperationContext) throws -> AuthenticatorSetup {
        let secrets = context.guichet.secrets
        let secret = sealed.flatMap { secrets.open($0, account: account.id) } ?? Base32.encode(TOTP.generateSecret())
        let uri = TOTP.provisioningURI(secret: Base32.decode(secret) ?? [], account: account.identifier)
        return AuthenticatorSetup(secret: secret, uri: uri, qrCode: context.guichet.qrCodes.encode(uri),
                                  sealed: try secrets.seal(secret, account: account.id))
    }

    /// The first code of the application, with the owner's proof, turns the factor on;
    /// every other session of the account ends (all but `keepingSession`).
    public static func confirmAuthenticator(_ account: Account, sealed: String?, code: String, proof: OwnerProof, keepingSession: String?,
                                            in context: OperationContext) async throws -> Result<String, FieldErrors>? {
        guard let secret = sealed.flatMap({ context.guichet.secrets.open($0, account: account.id) }),
              let bytes = Base32.decode(secret), !bytes.isEmpty else { return nil }
        guard let step = TOTP.matchingStep(code, secret: bytes, now: context.now, after: nil) else {
            var errors = FieldErrors()
            errors.add("code", OneTimeCodePolicy.normalizedInput(code).isEmpty
                ? "Saisissez le code affiché par l'application."
                : "Le code ne correspond pas. Vérifiez la clé saisie dans l'application et l'heure de votre téléphone, puis saisissez le code affiché maintenant.")
            return .failure(errors)
        }
        if let refused = try await check(proof, of: account, in: context) { return .failure(refused) }
        let unlock = try await enable(.totp, for: account, phone: nil, totpSecret: secret, keepingSession: keepingSession, in: context)
        _ = try await Accounts.useTOTPStep(account.id, step: step, on: context.db)
        return .success(unlock)
    }

    /// Turns the factor on with a fresh unlock code, which is returned to be shown once.
    private static func enable(_ kind: SecondFactorKind, for account: Account, phone: PhoneNumber?, totpSecret: String?,
                               keepingSession: String?, in context: OperationContext) async throws -> String {
        let id = account.id
        let unlock = UnlockCode.generate()
        let now = context.now
        let notice = AccountMails.securityChange("La connexion avec un code (\(kind.label)) a été activée sur votre compte et vos autres connexions ont été fermées", at: now)
        let sealed = try totpSecret.map { try context.guichet.secrets.seal($0, account: id) }
        try await context.commitAccountChange(id, events: [.secondFactorEnabled], mails: [(notice, to: account.email)]) { db in
            try await Accounts.enableSecondFactor(id, kind: kind, phone: phone, totpSecret: sealed,
                                                  unlockCodeHash: UnlockCodes.hash(unlock, userID: id), now: now, on: db)
            try await BrowserSessions.deleteAll(userID: id, except: keepingSession, on: db)
        }
        return unlock
    }
}
