import FluentKit
import Foundation
import GuichetCore

/// Accounts: creation, look-up, lockout counting, credentials and profile.
public enum Accounts {
    public enum CreationError: Error, Equatable { case identifierTaken }

    public static func create(_ form: SignUpForm.Valid, passwordHash: String, now: Date, on db: any Database) async throws -> UserRecord {
        let user = UserRecord()
        user.id = UUID()
        user.identifier = form.identifier.value
        user.email = form.email.value
        user.emailKey = form.email.comparisonKey
        user.passwordHash = passwordHash
        user.failedSignIns = 0
        user.alertStatusChanges = true
        user.alertDraftExpiry = true
        user.apply(Profile(civility: form.civility, lastName: form.lastName, firstNames: form.firstNames))
        user.createdAt = now
        user.updatedAt = now
        do {
            try await user.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw CreationError.identifierTaken
        }
        return user
    }

    public static func find(_ id: UUID, on db: any Database) async throws -> UserRecord? {
        try await UserRecord.find(id, on: db)
    }

    /// The account with this identifier, typed in any case.
    public static func find(identifier: String, on db: any Database) async throws -> UserRecord? {
        try await UserRecord.query(on: db).filter(\.$identifier == AccountIdentifier.lookupKey(identifier)).first()
    }

    public static func isTaken(identifier: String, on db: any Database) async throws -> Bool {
        try await find(identifier: identifier, on: db) != nil
    }

    /// Every confirmed account of an email address (forgotten identifier).
    public static func confirmed(email: EmailAddress, on db: any Database) async throws -> [UserRecord] {
        try await UserRecord.query(on: db).filter(\.$emailKey == email.comparisonKey)
            .filter(\.$emailConfirmedAt != nil).sort(\.$identifier).all()
    }

    /// What a failed sign-in did to the account.
    public enum FailureOutcome: Equatable, Sendable {
        /// Counted; the account stays open.
        case counted(failures: Int)
        /// This failure was the fifth: the account is now locked (tell the owner).
        case lockedNow(until: Date)
        /// The account was already locked: nothing was counted.
        case alreadyLocked(until: Date)
    }

    /// Counts a failure in one statement, so concurrent attempts are counted exactly
    /// and none is counted once the account is locked. A lock that has run out starts
    /// a fresh count.
    public static func recordFailure(_ id: UUID, now: Date, on db: any Database) async throws -> FailureOutcome {
        let lockUntil = now.addingTimeInterval(LockoutPolicy.lockDuration)
        let row = try await db.sql.raw("""
            UPDATE users SET
              failed_sign_ins = CASE WHEN locked_until IS NOT NULL AND locked_until <= \(bind: now) THEN 1 ELSE failed_sign_ins + 1 END,
              locked_until = CASE
                WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= \(bind: now) THEN 1 ELSE failed_sign_ins + 1 END) >= \(bind: LockoutPolicy.maximumFailures)
                THEN \(bind: lockUntil) ELSE NULL END
            WHERE id = \(bind: id) AND (locked_until IS NULL OR locked_until <= \(bind: now))
            RETURNING failed_sign_ins, locked_until
            """).first()
        if let row {
            if let until = try row.decode(column: "locked_until", as: Date?.self) { return .lockedNow(until: until) }
            return .counted(failures: try row.decode(column: "failed_sign_ins", as: Int.self))
        }
        let until = try await UserRecord.find(id, on: db)?.lockedUntil ?? lockUntil
        return .alreadyLocked(until: until)
    }

    public static func resetFailures(_ id: UUID, on db: any Database) async throws {
        try await UserRecord.query(on: db).filter(\.$id == id)
            .set(\.$failedSignIns, to: 0).set(\.$lockedUntil, to: nil).update()
    }

    public static func confirmEmail(_ id: UUID, now: Date, on db: any Database) async throws {
        try await UserRecord.query(on: db).filter(\.$id == id).filter(\.$emailConfirmedAt == nil)
            .set(\.$emailConfirmedAt, to: now).set(\.$updatedAt, to: now).update()
    }

    public static func setPasswordHash(_ id: UUID, _ hash: String, now: Date, on db: any Database) async throws {
        try await UserRecord.query(on: db).filter(\.$id == id)
            .set(\.$passwordHash, to: hash).set(\.$updatedAt, to: now).update()
    }

    public static func setEmail(_ id: UUID, _ email: EmailAddress, now: Date, on db: any Database) async throws {
        try await UserRecord.query(on: db).filter(\.$id == id)
            .set(\.$email, to: email.value).set(\.$emailKey, to: email.comparisonKey)
            .set(\.$emailConfirmedAt, to: now).set(\.$updatedAt, to: now).update()
    }

    public static func saveProfile(_ user: UserRecord, _ profile: Profile, now: Date, on db: any Database) async throws {
        user.apply(profile)
        user.updatedAt = now
        try await user.save(on: db)
    }

    /// Only the postal address of a profile (the rest may have changed meanwhile).
    public static func setAddress(_ id: UUID, _ address: PostalAddress, now: Date, on db: any Database) async throws {
        try await UserRecord.query(on: db).filter(\.$id == id)
            .set(\.$addressLine1, to: address.line1).set(\.$addressLine2, to: address.line2)
            .set(\.$postalCode, to: address.postalCode).set(\.$city, to: address.city)
            .set(\.$updatedAt, to: now).update()
    }

    public static func setAlerts(_ id: UUID, statusChanges: Bool, draftExpiry: Bool, now: Date, on db: any Database) async throws {
        try await UserRecord.query(on: db).filter(\.$id == id)
            .set(\.$alertStatusChanges, to: statusChanges).set(\.$alertDraftExpiry, to: draftExpiry)
            .set(\.$updatedAt, to: now).update()
    }

    /// Turns on a second factor with its unlock code's hash.
    public static func enableSecondFactor(_ id: UUID, kind: SecondFactorKind, phone: PhoneNumber?, totpSecret: String?,
                                          unlockCodeHash: String, now: Date, on db: any Database) async throws {
        try await UserRecord.query(on: db).filter(\.$id == id)
            .set(\.$secondFactor, to: kind.rawValue).set(\.$secondFactorPhone, to: phone?.e164)
            .set(\.$totpSecret, to: totpSecret).set(\.$totpLastStep, to: nil)
            .set(\.$unlockCodeHash, to: unlockCodeHash).set(\.$updatedAt, to: now).update()
    }

    public static func disableSecondFactor(_ id: UUID, now: Date, on db: any Database) async throws {
        try await UserRecord.query(on: db).filter(\.$id == id)
            .set(\.$secondFactor, to: nil).set(\.$secondFactorPhone, to: nil).set(\.$totpSecret, to: nil)
            .set(\.$totpLastStep, to: nil).set(\.$unlockCodeHash, to: nil).set(\.$updatedAt, to: now).update()
    }

    /// Records the time step of an accepted authenticator code; false when that step
    /// (or a later one) was already used, so one code never signs in twice.
    public static func useTOTPStep(_ id: UUID, step: Int64, on db: any Database) async throws -> Bool {
        try await LockoutCounter.useTOTPStep(table: .users, id: id, step: step, on: db)
    }

    /// Deletes the account and everything personal attached to it.
    public static func delete(_ id: UUID, on db: any Database) async throws {
        try await AccountTokenRecord.query(on: db).filter(\.$userID == id).delete()
        try await SecurityEventRecord.query(on: db).filter(\.$userID == id).delete()
        try await CodeChallengeRecord.query(on: db).filter(\.$userID == id).delete()
        try await BrowserSessions.deleteAll(userID: id, on: db)
        try await UserRecord.query(on: db).filter(\.$id == id).delete()
    }

    /// Accounts never activated are removed after a while, freeing their identifier.
    public static func purgeUnconfirmed(createdBefore: Date, on db: any Database) async throws {
        let stale = try await UserRecord.query(on: db).filter(\.$emailConfirmedAt == nil)
            .filter(\.$createdAt < createdBefore).all(\.$id)
        for id in stale { try await delete(id, on: db) }
    }
}
