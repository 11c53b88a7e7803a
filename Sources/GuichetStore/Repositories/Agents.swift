import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// The organisations' agents.
public enum Agents {
    /// Another agent has this address.
    public struct EmailTaken: Error {}

    public static func find(_ id: UUID, on db: any Database) async throws -> AgentRecord? {
        try await AgentRecord.find(id, on: db)
    }

    public static func find(email: String, on db: any Database) async throws -> AgentRecord? {
        try await AgentRecord.query(on: db).filter(\.$emailKey == email.lowercased()).first()
    }

    /// The agent an invitation link names, while it is valid.
    public static func find(invitationHash: String, now: Date, on db: any Database) async throws -> AgentRecord? {
        try await AgentRecord.query(on: db).filter(\.$invitationHash == invitationHash)
            .filter(\.$invitationExpiresAt > now).first()
    }

    public static func list(organisationKey: String, on db: any Database) async throws -> [AgentRecord] {
        try await AgentRecord.query(on: db).filter(\.$organisationKey == organisationKey).sort(\.$emailKey).all()
    }

    /// A new agent with its invitation; the unique address is settled by the index.
    public static func insert(_ record: AgentRecord, on db: any Database) async throws {
        do {
            try await record.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw EmailTaken()
        }
    }

    /// Uses the invitation, once: sets the password and turns the waiting authenticator
    /// key on, recording the step its code used. False when the link was used or ran out
    /// meanwhile.
    public static func accept(_ id: UUID, invitationHash: String, passwordHash: String, totpStep: Int64, now: Date,
                              on db: any Database) async throws -> Bool {
        let row = try await db.sql.raw("""
            UPDATE agents SET password_hash = \(bind: passwordHash), totp_last_step = \(bind: totpStep),
                invitation_hash = NULL, invitation_expires_at = NULL, activated_at = \(bind: now), last_sign_in_at = \(bind: now),
                failed_sign_ins = 0, locked_until = NULL
            WHERE id = \(bind: id) AND invitation_hash = \(bind: invitationHash) AND invitation_expires_at > \(bind: now)
            RETURNING id
            """).first()
        return row != nil
    }

    /// An authenticator time step is accepted once (a code seen over a shoulder is spent).
    public static func useTOTPStep(_ id: UUID, step: Int64, on db: any Database) async throws -> Bool {
        try await LockoutCounter.useTOTPStep(table: .agents, id: id, step: step, on: db)
    }

    public static func claimAttempt(_ id: UUID, now: Date, on db: any Database) async throws -> LockoutCounter.Claim {
        try await LockoutCounter.claim(table: .agents, id: id, now: now, on: db)
    }

    public static func releaseAttempt(_ id: UUID, now: Date, on db: any Database) async throws {
        try await LockoutCounter.release(table: .agents, id: id, on: db)
    }

    /// Signed in: the failures are forgotten.
    public static func signedIn(_ id: UUID, now: Date, on db: any Database) async throws {
        try await AgentRecord.query(on: db).filter(\.$id == id)
            .set(\.$failedSignIns, to: 0).set(\.$lockedUntil, to: nil).set(\.$lastSignInAt, to: now).update()
    }

    public static func setPasswordHash(_ id: UUID, _ hash: String, on db: any Database) async throws {
        try await AgentRecord.query(on: db).filter(\.$id == id).set(\.$passwordHash, to: hash).update()
    }

    /// Removes the agent and ends its sessions; what it did stays in the histories, by name.
    public static func delete(_ id: UUID, on db: any Database) async throws {
        try await db.writeTransaction { db in
            try await BrowserSessions.deleteAll(agentID: id, on: db)
            try await AgentRecord.query(on: db).filter(\.$id == id).delete()
        }
    }

    /// Invitations never accepted, a while after they ran out: the address is free again.
    public static func purgeUnaccepted(expiredBefore: Date, on db: any Database) async throws {
        try await AgentRecord.query(on: db).filter(\.$activatedAt == nil).filter(\.$invitationExpiresAt < expiredBefore).delete()
    }
}
