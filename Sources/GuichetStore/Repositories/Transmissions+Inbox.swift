import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// The agents' inbox: one organisation's transmissions, filtered and paged.
extension Transmissions {
    /// The filters of an inbox list, as the database reads them.
    public struct InboxFilter: Sendable {
        public var organisationKey: String
        public var state: TransmissionState?
        public var procedureID: String?
        public var transmittedFrom: Date?
        /// Exclusive.
        public var transmittedBefore: Date?
        /// Folded (without accents or case): matched inside the applicant's name.
        public var name: String?
        /// Upper case: matched inside the reference.
        public var reference: String?

        public init(organisationKey: String, state: TransmissionState? = nil, procedureID: String? = nil, transmittedFrom: Date? = nil,
                    transmittedBefore: Date? = nil, name: String? = nil, reference: String? = nil) {
            self.organisationKey = organisationKey
            self.state = state
            self.procedureID = procedureID
            self.transmittedFrom = transmittedFrom
            self.transmittedBefore = transmittedBefore
            self.name = name
            self.reference = reference
        }
    }

    /// A page, newest first (`offset` counts from the newest).
    public static func inbox(_ filter: InboxFilter, offset: Int, limit: Int, on db: any Database) async throws -> [TransmissionRecord] {
        var sql = SQLQueryString("SELECT * FROM transmissions WHERE ")
        conditions(filter, into: &sql)
        sql.appendInterpolation(unsafeRaw: " ORDER BY transmitted_at DESC, id DESC LIMIT ")
        sql.appendInterpolation(literal: limit)
        sql.appendInterpolation(unsafeRaw: " OFFSET ")
        sql.appendInterpolation(literal: max(offset, 0))
        return try await db.sql.raw(sql).all().map { try $0.decode(fluentModel: TransmissionRecord.self) }
    }

    /// How many transmissions each state holds under the filter (its state left aside):
    /// the counts of the tabs.
    public static func inboxCounts(_ filter: InboxFilter, on db: any Database) async throws -> [TransmissionState: Int] {
        var unfiltered = filter
        unfiltered.state = nil
        var sql = SQLQueryString("SELECT state, COUNT(*) AS total FROM transmissions WHERE ")
        conditions(unfiltered, into: &sql)
        sql.appendInterpolation(unsafeRaw: " GROUP BY state")
        var counts: [TransmissionState: Int] = [:]
        for row in try await db.sql.raw(sql).all() {
            if let state = TransmissionState(rawValue: try row.decode(column: "state", as: String.self)) {
                counts[state] = try row.decode(column: "total", as: Int.self)
            }
        }
        return counts
    }

    /// The next rows of an export after the row `cursor` (keyset: each batch is one
    /// short query, whatever the size of the whole list).
    public static func inboxBatch(_ filter: InboxFilter, after cursor: (Date, UUID)?, limit: Int,
                                  on db: any Database) async throws -> [TransmissionRecord] {
        var sql = SQLQueryString("SELECT * FROM transmissions WHERE ")
        conditions(filter, into: &sql)
        if let (at, id) = cursor {
            sql.appendInterpolation(unsafeRaw: " AND (transmitted_at < ")
            sql.appendInterpolation(bind: at)
            sql.appendInterpolation(unsafeRaw: " OR (transmitted_at = ")
            sql.appendInterpolation(bind: at)
            sql.appendInterpolation(unsafeRaw: " AND id < ")
            sql.appendInterpolation(bind: id)
            sql.appendInterpolation(unsafeRaw: "))")
        }
        sql.appendInterpolation(unsafeRaw: " ORDER BY transmitted_at DESC, id DESC LIMIT ")
        sql.appendInterpolation(literal: limit)
        return try await db.sql.raw(sql).all().map { try $0.decode(fluentModel: TransmissionRecord.self) }
    }

    private static func conditions(_ filter: InboxFilter, into sql: inout SQLQueryString) {
        sql.appendInterpolation(unsafeRaw: "organisation_key = ")
        sql.appendInterpolation(bind: filter.organisationKey)
        if let state = filter.state {
            sql.appendInterpolation(unsafeRaw: " AND state = ")
            sql.appendInterpolation(bind: state.rawValue)
        }
        if let procedureID = filter.procedureID {
            sql.appendInterpolation(unsafeRaw: " AND procedure_id = ")
            sql.appendInterpolation(bind: procedureID)
        }
        if let from = filter.transmittedFrom {
            sql.appendInterpolation(unsafeRaw: " AND transmitted_at >= ")
            sql.appendInterpolation(bind: from)
        }
        if let before = filter.transmittedBefore {
            sql.appendInterpolation(unsafeRaw: " AND transmitted_at < ")
            sql.appendInterpolation(bind: before)
        }
        if filter.name != nil || filter.reference != nil {
            sql.appendInterpolation(unsafeRaw: " AND (")
            if let name = filter.name {
                sql.appendInterpolation(unsafeRaw: "applicant_folded LIKE ")
                sql.appendInterpolation(bind: "%" + likeEscaped(name) + "%")
                sql.appendInterpolation(unsafeRaw: " ESCAPE '\\'")
            }
            if let reference = filter.reference {
                if filter.name != nil { sql.appendInterpolation(unsafeRaw: " OR ") }
                sql.appendInterpolation(unsafeRaw: "reference LIKE ")
                sql.appendInterpolation(bind: "%" + likeEscaped(reference) + "%")
                sql.appendInterpolation(unsafeRaw: " ESCAPE '\\'")
            }
            sql.appendInterpolation(unsafeRaw: ")")
        }
    }

    /// `%`, `_` and the escape character itself match only themselves.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    /// Transmissions recorded before the applicant's name was (migration 007), at most
    /// `limit` of them, in batches of 200; `name` computes it from the dossier. Returns
    /// how many were filled in.
    @discardableResult
    public static func backfillApplicants(limit: Int, name: @escaping @Sendable (DossierRecord) -> String?, on db: any Database) async throws -> Int {
        var filled = 0
        while filled < limit {
            let rows = try await TransmissionRecord.query(on: db).filter(\.$applicantFolded == nil).limit(min(200, limit - filled)).all()
            guard !rows.isEmpty else { return filled }
            let dossiers = Dictionary(uniqueKeysWithValues: try await DossierRecord.query(on: db)
                .filter(\.$id ~~ Set(rows.map(\.dossierID))).all().compactMap { record in record.id.map { ($0, record) } })
            // One commit per batch, not per row.
            try await db.writeTransaction { db in
                for row in rows {
                    let applicant = dossiers[row.dossierID].flatMap(name)
                    // An empty folded name marks "looked at, none": the row is not read again.
                    try await TransmissionRecord.query(on: db).filter(\.$id == row.requireID())
                        .set(\.$applicantName, to: applicant).set(\.$applicantFolded, to: applicant.map(Text.folded) ?? "").update()
                }
            }
            filled += rows.count
        }
        return filled
    }
}
