import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Accepting an invitation: a password (the citizens' policy) and the authenticator
/// application, both required, in one form.
public enum AgentInvitation {
    /// What the invitation page shows.
    public struct Setup: Sendable {
        public let email: String
        public let organisationName: String
        /// Base32 (the page groups it by four for typing).
        public let secret: String
        public let uri: String
        public let qrCode: QRMatrix?
    }

    public enum Outcome: Sendable {
        /// A field to correct (the password never comes back).
        case invalid(FieldErrors)
        case accepted(Agent)
        /// The link was used, ran out or never existed.
        case expired
    }

    public static func open(token: String, in context: OperationContext) async throws -> Setup? {
        guard let (record, secret) = try await pending(token, in: context) else { return nil }
        let uri = TOTP.provisioningURI(secret: Base32.decode(secret) ?? [], account: record.email, issuer: "Guichet organismes")
        return Setup(email: record.email, organisationName: context.guichet.organisation(id: record.organisationKey)?.name ?? record.organisationKey,
                     secret: secret, uri: uri, qrCode: context.guichet.qrCodes.encode(uri))
    }

    public static func accept(token: String, password: String, confirmation: String, code: String,
                              in context: OperationContext) async throws -> Outcome {
        guard let (record, secret) = try await pending(token, in: context), let id = record.id else { return .expired }
        var errors = FieldErrors()
        if let problem = PasswordPolicy.problem(with: password, identifier: nil, email: record.email, names: [record.name ?? ""]) {
            errors.add("password", problem.text)
        } else if PasswordPolicy.normalized(password) != PasswordPolicy.normalized(confirmation) {
            errors.add("confirmation", "Les deux mots de passe ne sont pas identiques.")
        }
        // Counted per address like sign-in attempts before the code is checked (it is six
        // digits), and given back once the invitation is accepted, as a right password is.
        try await OperationError.limit(LockoutPolicy.addressFailures, subject: context.clientLimitKey, in: context)
        let typed = OneTimeCodePolicy.normalizedInput(code)
        var step: Int64?
        if typed.isEmpty {
            errors.add("code", "Saisissez le code de 6 chiffres affiché par votre application.")
        } else if let matched = TOTP.matchingStep(typed, secret: Base32.decode(secret) ?? [], now: context.now, after: nil) {
            step = matched
        } else {
            errors.add("code", "Ce code ne correspond pas. Vérifiez que l'application a bien enregistré la clé ci-dessus et saisissez le code affiché maintenant.")
        }
        guard errors.isEmpty, let step else { return .invalid(errors) }
        let hash = try await context.guichet.services.passwords.hash(PasswordPolicy.normalized(password))
        guard try await Agents.accept(id, invitationHash: TokenHash.sha256(token), passwordHash: hash, totpStep: step, now: context.now,
                                      on: context.db) else { return .expired }
        try await CredentialCheck.releaseAddress(in: context)
        // The update set only the credentials: the record still says who the agent is.
        return .accepted(try Agent(record, guichet: context.guichet))
    }

    private static func pending(_ token: String, in context: OperationContext) async throws -> (AgentRecord, String)? {
        guard !token.isEmpty, token.count <= 100,
              let record = try await Agents.find(invitationHash: TokenHash.sha256(token), now: context.now, on: context.db),
              let id = record.id, let sealed = record.totpSecret, let secret = context.guichet.secrets.open(sealed, account: id) else { return nil }
        return (record, secret)
    }
}
