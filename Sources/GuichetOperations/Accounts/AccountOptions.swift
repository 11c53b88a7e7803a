import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// *Mes options* (SPEC §1): email address, password, alerts, second factor off, deletion.
/// Every change that matters asks for the current password and tells the owner.
public enum AccountOptions {
    /// Sends a confirmation link to the new address and tells the current one; returns
    /// the new address, or the field errors.
    public static func requestEmailChange(_ account: Account, email typed: String, password: String,
                                          in context: OperationContext) async throws -> Result<EmailAddress, FieldErrors> {
        let user = try await record(account, in: context)
        var errors = FieldErrors()
        let email = EmailAddress(typed)
        if Text.normalized(typed).isEmpty {
            errors.add("email", "Saisissez la nouvelle adresse électronique.")
        } else if email == nil {
            errors.add("email", EmailAddress.invalidMessage)
        } else if email?.comparisonKey == user.emailKey {
            errors.add("email", "C'est déjà l'adresse de votre compte.")
        }
        if errors.isEmpty, let problem = try await CredentialCheck.confirmPassword(password, of: user, in: context) {
            errors.add("password", problem)
        }
        guard errors.isEmpty, let email else { return .failure(errors) }
        let now = context.now
        let mailer = context.mailer
        let guichet = context.guichet
        let id = account.id
        try await context.commitAccountChange(id, events: [.emailChangeRequested],
                                              mails: [(AccountMails.emailChangeRequested(newAddress: email.value, at: now), to: user.email)]) { db in
            let link = try await EmailLinks.issue(.changeEmail, userID: id, payload: email.value, target: .confirmEmailChange,
                                                  guichet: guichet, now: now, on: db)
            try await OutboxQueue.enqueue(try mailer.envelope(AccountMails.emailChangeConfirmation(identifier: user.identifier, link: link),
                                                         to: Mailbox(email.value)), on: db, now: now)
        }
        return .success(email)
    }

    /// The link sent to the new address (whether or not the browser is signed in);
    /// false when it expired or was used.
    public static func confirmEmailChange(token: String, in context: OperationContext) async throws -> Bool {
        let now = context.now
        let mailer = context.mailer
        let address = context.clientAddress
        return try await context.db.writeTransaction { db -> Bool in
            guard let used = try await EmailLinks.consume(token, purpose: .changeEmail, now: now, on: db),
                  let newAddress = used.payload.flatMap(EmailAddress.init), let user = try await Accounts.find(used.userID, on: db) else {
                return false
            }
            let previous = user.email
            try await Accounts.setEmail(used.userID, newAddress, now: now, on: db)
            try await SecurityEvents.record(.emailChanged, userID: used.userID, address: address, now: now, on: db)
            try await OutboxQueue.enqueue(try mailer.envelope(AccountMails.securityChange(
                "L'adresse électronique de votre compte a été remplacée par \(EmailMask.masked(newAddress.value))", at: now),
                to: Mailbox(previous)), on: db, now: now)
            return true
        }
    }

    /// Changes the password and ends every other session of the account (all but the
    /// one whose token hash is `keepingSession`); nil when done, or the field errors.
    public static func changePassword(_ account: Account, current: String, new password: String, keepingSession: String?,
                                      in context: OperationContext) async throws -> FieldErrors? {
        let user = try await record(account, in: context)
        var errors = FieldErrors()
        if let problem = try await CredentialCheck.confirmPassword(current, of: user, in: context) {
            errors.add("currentPassword", problem)
        }
        if let problem = PasswordPolicy.problem(with: password, identifier: user.identifier, email: user.email,
                                                names: [user.lastName, user.firstNames]) {
            errors.add("password", problem.text)
        } else if errors.isEmpty, password == current {
            errors.add("password", "Le nouveau mot de passe doit être différent de l'actuel.")
        }
        guard errors.isEmpty else { return errors }
        let hash = try await context.guichet.services.passwords.hash(password)
        let now = context.now
        let id = account.id
        try await context.commitAccountChange(id, events: [.passwordChanged],
                                              mails: [(AccountMails.securityChange("Le mot de passe de votre compte a été modifié", at: now), to: user.email)]) { db in
            try await Accounts.setPasswordHash(id, hash, now: now, on: db)
            try await BrowserSessions.deleteAll(userID: id, except: keepingSession, on: db)
        }
        return nil
    }

    public static func setAlerts(_ account: Account, statusChanges: Bool, draftExpiry: Bool, in context: OperationContext) async throws {
        try await Accounts.setAlerts(account.id, statusChanges: statusChanges, draftExpiry: draftExpiry, now: context.now, on: context.db)
    }

    /// Turns the second factor off with the password and the proof of the factor (the
    /// application's code or the unlock code); the field errors otherwise.
    public static func disableSecondFactor(_ account: Account, password: String, currentFactor: String,
                                           in context: OperationContext) async throws -> FieldErrors? {
        let user = try await record(account, in: context)
        if let refused = try await SecondFactorEnrolment.check(.init(password: password, currentFactor: currentFactor), of: account,
                                                               in: context) { return refused }
        let now = context.now
        let id = account.id
        try await context.commitAccountChange(id, events: [.secondFactorDisabled],
                                              mails: [(AccountMails.securityChange("La connexion avec un code a été désactivée sur votre compte", at: now), to: user.email)]) { db in
            try await Accounts.disableSecondFactor(id, now: now, on: db)
        }
        return nil
    }

    /// *Suppression de votre compte*: the account, its documents and its drafts go in one
    /// transaction with the confirmation email; transmitted dossiers stay with their
    /// organisations, unlinked; account links go (and their organisations are told). The password's refusal otherwise.
    public static func deleteAccount(_ account: Account, password: String, in context: OperationContext) async throws -> String? {
        let user = try await record(account, in: context)
        if let problem = try await CredentialCheck.confirmPassword(password, of: user, in: context) { return problem }
        let now = context.now
        let mailer = context.mailer
        let blobs = context.guichet.blobs
        let id = account.id
        try await context.db.writeTransaction { db in
            try await OutboxQueue.enqueue(try mailer.envelope(AccountMails.accountDeleted(identifier: user.identifier), to: Mailbox(user.email)),
                                          on: db, now: now)
            try await Wallet.deleteAll(userID: id, blobs: blobs, on: db)
            try await Dossiers.forgetAccount(id, blobs: blobs, on: db)
            // The links go with the account: each organisation's feed says so.
            for link in try await AccountLinks.list(userID: id, on: db) {
                try await PartnerEvents.append(organisationKey: link.organisationKey, type: .accountLinkDeleted, details: .init(
                    actor: Actor.citizen.summary, accountLinkID: link.id, partnerReference: link.partnerReference), now: now, on: db)
            }
            try await Accounts.delete(id, on: db)
        }
        context.guichet.metrics.event("account_deleted")
        return nil
    }

    /// The account's row (with its credentials), which the operations alone handle.
    static func record(_ account: Account, in context: OperationContext) async throws -> UserRecord {
        guard let user = try await Accounts.find(account.id, on: context.db) else { throw OperationError.notFound }
        return user
    }
}
