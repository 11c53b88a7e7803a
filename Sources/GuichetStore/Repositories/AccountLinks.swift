import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// *Liaisons de comptes* (SPEC §6): added by the operator's import, listed to the
/// citizen and to the organisation, deleted by the organisation.
public enum AccountLinks {
    /// The same organisation reference is already linked.
    public struct Duplicate: Error {}

    public static func add(userID: UUID, organisationKey: String, partnerReference: String, now: Date,
                           on db: any Database) async throws -> AccountLinkRecord {
        let record = AccountLinkRecord()
        record.id = UUID()
        record.userID = userID
        record.organisationKey = organisationKey
        record.partnerReference = partnerReference
        record.createdAt = now
        do {
            try await record.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Duplicate()
        }
        return record
    }

    /// A citizen's links, oldest first.
    public static func list(userID: UUID, on db: any Database) async throws -> [AccountLinkRecord] {
        try await AccountLinkRecord.query(on: db).filter(\.$userID == userID).sort(\.$createdAt).all()
    }

    /// An organisation's links, newest first, after the link `cursor` (keyset; a cursor
    /// that is not one of its links gives an empty page).
    public static func page(organisationKey: String, after cursor: UUID?, limit: Int, on db: any Database) async throws -> [AccountLinkRecord] {
        var sql = SQLQueryString("SELECT * FROM account_links WHERE organisation_key = \(bind: organisationKey)")
        if let cursor {
            sql.appendInterpolation(unsafeRaw: " AND (created_at, id) < (SELECT created_at, id FROM account_links WHERE id = ")
            sql.appendInterpolation(bind: cursor)
            sql.appendInterpolation(unsafeRaw: " AND organisation_key = ")
            sql.appendInterpolation(bind: organisationKey)
            sql.appendInterpolation(unsafeRaw: ")")
        }
        sql.appendInterpolation(unsafeRaw: " ORDER BY created_at DESC, id DESC LIMIT ")
        sql.appendInterpolation(literal: limit)
        return try await db.sql.raw(sql).all().map { try $0.decode(fluentModel: AccountLinkRecord.self) }
    }

    /// Deletes an organisation's link; `inTransaction` records what goes with it (the
    /// event, the citizen's email). Nil when the organisation holds no such link.
    public static func delete(_ id: UUID, organisationKey: String, on db: any Database,
                              inTransaction: @escaping @Sendable (AccountLinkRecord, any Database) async throws -> Void) async throws -> AccountLinkRecord? {
        try await db.writeTransaction { db in
            guard let link = try await AccountLinkRecord.query(on: db).filter(\.$id == id)
                .filter(\.$organisationKey == organisationKey).first() else { return nil }
            let deleted = try await db.sql.raw("DELETE FROM account_links WHERE id = \(bind: id) RETURNING id").first()
            // A concurrent delete won: it sends the email and records the event.
            guard deleted != nil else { return nil }
            try await inTransaction(link, db)
            return link
        }
    }
}
