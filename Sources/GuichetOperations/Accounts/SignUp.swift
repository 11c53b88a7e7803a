import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// *Créer un compte* and its activation link (SPEC §1).
public enum SignUp {
    public static let takenMessage = "Cet identifiant est déjà utilisé : choisissez-en un autre."

    /// Creates the account and queues its activation email, or returns the field
    /// errors in the order of the page's fields. The captcha is used up either way.
    public static func register(_ form: SignUpForm, captcha: CaptchaAnswer, in context: OperationContext) async throws -> Result<EmailAddress, FieldErrors> {
        let verdict = try await Captchas.verify(captcha, in: context)
        var errors = FieldErrors()
        let validation = form.validate()
        if case .failure(let fieldErrors) = validation { errors = fieldErrors }
        // Whether an identifier is taken is only said to someone who solved the captcha:
        // otherwise the form would be a free way to list the accounts.
        if verdict.message == nil, errors["identifier"] == nil, try await Accounts.isTaken(identifier: form.identifier, on: context.db) {
            errors.add("identifier", takenMessage)
        }
        if let message = verdict.message { errors.add(Captchas.codeField, message) }
        guard errors.isEmpty, case .success(let valid) = validation else { return .failure(reordered(errors)) }

        let hash = try await context.guichet.services.passwords.hash(valid.password)
        let now = context.now
        let mailer = context.mailer
        let address = context.clientAddress
        let guichet = context.guichet
        do {
            try await context.db.writeTransaction { db in
                let user = try await Accounts.create(valid, passwordHash: hash, now: now, on: db)
                let id = try user.requireID()
                try await SecurityEvents.record(.accountCreated, userID: id, address: address, now: now, on: db)
                let link = try await EmailLinks.issue(.confirmEmail, userID: id, target: .activate, guichet: guichet, now: now, on: db)
                try await OutboxQueue.enqueue(try mailer.envelope(AccountMails.activation(identifier: user.identifier, link: link),
                                                             to: Mailbox(valid.email.value)), on: db, now: now)
            }
        } catch Accounts.CreationError.identifierTaken {
            errors.add("identifier", takenMessage)
            return .failure(errors)
        }
        context.guichet.metrics.event("account_created")
        return .success(valid.email)
    }

    /// The activation link of the email; false when it expired or was used.
    public static func activate(token: String, in context: OperationContext) async throws -> Bool {
        let now = context.now
        let address = context.clientAddress
        return try await context.db.writeTransaction { db -> Bool in
            guard let used = try await EmailLinks.consume(token, purpose: .confirmEmail, now: now, on: db) else { return false }
            try await Accounts.confirmEmail(used.userID, now: now, on: db)
            try await SecurityEvents.record(.emailConfirmed, userID: used.userID, address: address, now: now, on: db)
            return true
        }
    }

    /// Errors in the order of the page's fields.
    private static func reordered(_ errors: FieldErrors) -> FieldErrors {
        var ordered = FieldErrors()
        for field in ["identifier", "password", "email", "civility", "lastName", "firstNames", Captchas.codeField] {
            if let message = errors[field] { ordered.add(field, message) }
        }
        return ordered
    }
}
