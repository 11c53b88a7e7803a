import FluentKit
import FluentSQL
import Foundation
import GuichetCore

/// The directory's rows (migration `CreatePublicBody`). Written by the import and the
/// shipped seed; read by the search, which narrows with the engine's text index and
/// leaves the order to `DirectoryQuery.rank`, so that both engines give the same page.
public enum PublicBodies {
    /// Rows per statement when writing: a few thousand bound values, under both engines'
    /// limits, and far fewer round trips than one row at a time.
    static let batchSize = 200

    /// Adds new bodies and replaces known ones (same id): a re-import updates, never
    /// duplicates. `shipped` marks the town halls and the sample Guichet ships.
    public static func upsert(_ bodies: [PublicBody], shipped: Bool, now: Date, on db: any Database) async throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        var start = 0
        while start < bodies.count {
            let batch = bodies[start..<min(start + batchSize, bodies.count)]
            start += batchSize
            // The last of the same id wins, as in `DirectoryIndex`; one statement may not
            // touch a row twice.
            var seen: Set<String> = []
            let rows = batch.reversed().filter { seen.insert($0.id).inserted }.reversed()
            var sql = SQLQueryString("""
                INSERT INTO public_bodies (id, name, sort_key, kinds, postal_code, insee_code, commune_key, search_text, body, shipped, updated_at) VALUES
                """)
            for (index, body) in rows.enumerated() {
                let json = String(decoding: try encoder.encode(body), as: UTF8.self)
                sql.appendInterpolation(unsafeRaw: index == 0 ? " " : ", ")
                sql += """
                    (\(bind: body.id), \(bind: body.name), \(bind: DirectorySearchKey.normalized(body.name)), \(bind: " " + body.kinds.joined(separator: " ") + " "), \
                    \(bind: body.postalCode), \(bind: body.inseeCode), \(bind: body.communeKey), \(bind: body.searchText), \(bind: json), \
                    \(bind: shipped), \(bind: now))
                    """
            }
            sql.appendInterpolation(unsafeRaw: """
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, sort_key = excluded.sort_key, kinds = excluded.kinds,
                 postal_code = excluded.postal_code, insee_code = excluded.insee_code, commune_key = excluded.commune_key,
                 search_text = excluded.search_text, body = excluded.body, shipped = excluded.shipped, updated_at = excluded.updated_at
                """)
            try await db.sql.raw(sql).run()
            try await recordKinds(Array(rows), on: db)
            try await recordWords(Set(rows.flatMap { DirectorySearchKey.words($0.searchText) }), on: db)
        }
    }

    private static func recordKinds(_ bodies: [PublicBody], on db: any Database) async throws {
        try await db.sql.delete(from: "public_body_kinds").where("body_id", .in, bodies.map(\.id)).run()
        let rows = bodies.flatMap { body in PublicBodyKind.groups(of: body.kinds).map { (body.id, DirectorySearchKey.normalized(body.name), $0) } }
        guard !rows.isEmpty else { return }
        var sql = SQLQueryString("INSERT INTO public_body_kinds (body_id, sort_key, kind) VALUES ")
        for (index, row) in rows.enumerated() {
            sql.appendInterpolation(unsafeRaw: index == 0 ? "" : ", ")
            sql += "(\(bind: row.0), \(bind: row.1), \(bind: row.2))"
        }
        try await db.sql.raw(sql).run()
    }

    private static func recordWords(_ words: Set<String>, on db: any Database) async throws {
        let sorted = words.sorted()
        var start = 0
        while start < sorted.count {
            let batch = sorted[start..<min(start + 1000, sorted.count)]
            start += 1000
            var sql = SQLQueryString("INSERT INTO public_body_words (word) VALUES ")
            for (index, word) in batch.enumerated() {
                sql.appendInterpolation(unsafeRaw: index == 0 ? "" : ", ")
                sql += "(\(bind: word))"
            }
            sql.appendInterpolation(unsafeRaw: " ON CONFLICT (word) DO NOTHING")
            try await db.sql.raw(sql).run()
        }
    }

    /// The indexed words that start with `prefix` (two letters: a typo is looked for
    /// among them). Read as a range, so the primary key's index serves it.
    public static func words(startingWith prefix: String, on db: any Database) async throws -> [String] {
        guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return [] }
        let upper = String(prefix.unicodeScalars.dropLast()) + String(Character(next))
        return try await db.sql.raw("SELECT word FROM public_body_words WHERE word >= \(bind: prefix) AND word < \(bind: upper)")
            .all(decoding: WordRow.self).map(\.word)
    }

    /// Deletes the shipped bodies that the shipped data no longer holds.
    public static func removeShipped(keeping ids: Set<String>, on db: any Database) async throws {
        let rows = try await db.sql.raw("SELECT id FROM public_bodies WHERE shipped = \(bind: true)").all(decoding: IDRow.self)
        let gone = rows.map(\.id).filter { !ids.contains($0) }
        var start = 0
        while start < gone.count {
            let batch = Array(gone[start..<min(start + batchSize, gone.count)])
            start += batchSize
            try await db.sql.delete(from: "public_bodies").where("id", .in, batch).run()
            try await db.sql.delete(from: "public_body_kinds").where("body_id", .in, batch).run()
        }
    }

    public static func count(on db: any Database) async throws -> Int {
        try await db.sql.raw("SELECT COUNT(*) AS count FROM public_bodies").first(decoding: CountRow.self)?.count ?? 0
    }

    public static func find(_ id: String, on db: any Database) async throws -> PublicBody? {
        try await db.sql.raw("SELECT body FROM public_bodies WHERE id = \(bind: id)").first(decoding: BodyRow.self).flatMap(decode)
    }

    /// The bodies of some ids, in the order given (a page of ranked results).
    public static func bodies(_ ids: [String], on db: any Database) async throws -> [PublicBody] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.sql.raw("SELECT id, body FROM public_bodies WHERE id IN (\(binds: ids))").all(decoding: IDBodyRow.self)
        let byID = Dictionary(rows.compactMap { row in decode(BodyRow(body: row.body)).map { (row.id, $0) } }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// The bodies of a commune with one of `kinds`, by name: *Où s'informer*.
    public static func serving(inseeCode: String?, postalCodePrefix: String?, kinds: [String], limit: Int,
                               on db: any Database) async throws -> [PublicBody] {
        guard !kinds.isEmpty else { return [] }
        var sql = SQLQueryString("SELECT body FROM public_bodies WHERE (")
        appendKinds(kinds, to: &sql)
        sql.appendInterpolation(unsafeRaw: ")")
        if let inseeCode { sql += " AND insee_code = \(bind: inseeCode)" }
        if let postalCodePrefix { sql += " AND postal_code LIKE \(bind: postalCodePrefix + "%")" }
        sql.appendInterpolation(unsafeRaw: orderByName(db) + " LIMIT ")
        sql.appendInterpolation(literal: limit)
        return try await db.sql.raw(sql).all(decoding: BodyRow.self).compactMap(decode)
    }

    /// The columns the ranking reads, for every body the text index finds (or all those
    /// the filters keep, without words). `limit` bounds the work of one search.
    public struct Candidate: Decodable, Sendable {
        public let id: String
        public let name: String
        public let kinds: String
        public let postalCode: String?
        public let communeKey: String
        public let searchText: String

        enum CodingKeys: String, CodingKey {
            case id, name, kinds, postalCode = "postal_code", communeKey = "commune_key", searchText = "search_text"
        }

        /// As the domain ranks it.
        public var entry: DirectoryEntry {
            DirectoryEntry(id: id, name: name, kinds: kinds.split(separator: " ").map(String.init), postalCode: postalCode,
                           searchText: searchText, communeKey: communeKey)
        }
    }

    public struct Filter: Sendable {
        public var kinds: [String]?
        /// `DirectoryQuery.KindFilter.groupKey` of the same kinds: how `public_body_kinds`
        /// holds them.
        public var kindGroup: String?
        public var postalCode: String?
        public var postalCodePrefix: String?

        public init(kind: DirectoryQuery.KindFilter?, postalCode: String?, postalCodePrefix: String?) {
            kinds = kind?.slugs
            kindGroup = kind?.groupKey
            self.postalCode = postalCode
            self.postalCodePrefix = postalCodePrefix
        }
    }

    /// `words`: the engine's prefix expression (`DirectoryQuery.fts5Expression` or
    /// `tsqueryExpression`, chosen here by dialect), nil to filter only.
    public static func candidates(fts5 fts5Expression: String?, tsquery: String?, filter: Filter, limit: Int,
                                  on db: any Database) async throws -> [Candidate] {
        var sql = SQLQueryString("SELECT id, name, kinds, postal_code, commune_key, search_text FROM public_bodies WHERE 1 = 1")
        if db.sql.dialect.name == "sqlite" {
            if let fts5Expression {
                sql += " AND rowid IN (SELECT rowid FROM public_bodies_fts WHERE public_bodies_fts MATCH \(bind: fts5Expression))"
            }
        } else if let tsquery {
            sql += " AND search_vector @@ to_tsquery('simple', \(bind: tsquery))"
        }
        append(filter, to: &sql)
        sql.appendInterpolation(unsafeRaw: " LIMIT ")
        sql.appendInterpolation(literal: limit)
        return try await db.sql.raw(sql).all(decoding: Candidate.self)
    }

    /// How many bodies the filters keep (a search without words). A kind is read from its
    /// index, not by reading every body.
    public static func count(_ filter: Filter, on db: any Database) async throws -> Int {
        var sql: SQLQueryString
        if let group = filter.kindGroup {
            // A body is listed once per group.
            sql = SQLQueryString("SELECT COUNT(*) AS count FROM public_body_kinds k")
            appendKindJoin(group, filter, to: &sql)
        } else {
            sql = SQLQueryString("SELECT COUNT(*) AS count FROM public_bodies b WHERE 1 = 1")
            appendPostalCodes(filter, to: &sql)
        }
        return try await db.sql.raw(sql).first(decoding: CountRow.self)?.count ?? 0
    }

    /// One page of them by name: without words, the ranking is the alphabetical order.
    public static func ids(_ filter: Filter, offset: Int, limit: Int, on db: any Database) async throws -> [String] {
        let binary = db.sql.dialect.name == "sqlite" ? "" : " COLLATE \"C\""
        var sql: SQLQueryString
        if let group = filter.kindGroup {
            sql = SQLQueryString("SELECT k.body_id AS id FROM public_body_kinds k")
            appendKindJoin(group, filter, to: &sql)
            sql.appendInterpolation(unsafeRaw: " ORDER BY k.sort_key\(binary), k.body_id\(binary)")
        } else {
            sql = SQLQueryString("SELECT b.id FROM public_bodies b WHERE 1 = 1")
            appendPostalCodes(filter, to: &sql)
            sql.appendInterpolation(unsafeRaw: " ORDER BY b.sort_key\(binary), b.id\(binary)")
        }
        sql.appendInterpolation(unsafeRaw: " LIMIT ")
        sql.appendInterpolation(literal: limit)
        sql.appendInterpolation(unsafeRaw: " OFFSET ")
        sql.appendInterpolation(literal: max(0, offset))
        return try await db.sql.raw(sql).all(decoding: IDRow.self).map(\.id)
    }

    /// `… WHERE k.kind = <group>`, joined to the bodies only for a postal-code filter.
    private static func appendKindJoin(_ group: String, _ filter: Filter, to sql: inout SQLQueryString) {
        let byPostalCode = filter.postalCode != nil || filter.postalCodePrefix != nil
        if byPostalCode { sql.appendInterpolation(unsafeRaw: " JOIN public_bodies b ON b.id = k.body_id") }
        sql += " WHERE k.kind = \(bind: group)"
        if byPostalCode { appendPostalCodes(filter, to: &sql) }
    }

    private static func appendPostalCodes(_ filter: Filter, to sql: inout SQLQueryString) {
        if let postalCode = filter.postalCode { sql += " AND b.postal_code = \(bind: postalCode)" }
        if let prefix = filter.postalCodePrefix { sql += " AND b.postal_code LIKE \(bind: prefix + "%")" }
    }

    // MARK: Shipped data

    /// The fingerprint of the shipped data last loaded, by source name.
    public static func sourceFingerprint(_ name: String, on db: any Database) async throws -> String? {
        try await db.sql.raw("SELECT fingerprint FROM directory_sources WHERE name = \(bind: name)").first(decoding: FingerprintRow.self)?.fingerprint
    }

    public static func recordSource(_ name: String, fingerprint: String, now: Date, on db: any Database) async throws {
        try await db.sql.raw("""
            INSERT INTO directory_sources (name, fingerprint, loaded_at) VALUES (\(bind: name), \(bind: fingerprint), \(bind: now))
            ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, loaded_at = excluded.loaded_at
            """).run()
    }

    // MARK: -

    private static func append(_ filter: Filter, to sql: inout SQLQueryString) {
        if let kinds = filter.kinds, !kinds.isEmpty {
            sql.appendInterpolation(unsafeRaw: " AND (")
            appendKinds(kinds, to: &sql)
            sql.appendInterpolation(unsafeRaw: ")")
        }
        if let postalCode = filter.postalCode { sql += " AND postal_code = \(bind: postalCode)" }
        if let prefix = filter.postalCodePrefix { sql += " AND postal_code LIKE \(bind: prefix + "%")" }
    }

    /// By name as the domain sorts (`DirectoryQuery.rank`): byte order, which is SQLite's
    /// and, with the "C" collation, PostgreSQL's (a locale's order would skip spaces).
    private static func orderByName(_ db: any Database) -> String {
        db.sql.dialect.name == "sqlite" ? " ORDER BY sort_key, id" : " ORDER BY sort_key COLLATE \"C\", id COLLATE \"C\""
    }

    private static func appendKinds(_ kinds: [String], to sql: inout SQLQueryString) {
        for (index, kind) in kinds.enumerated() {
            sql.appendInterpolation(unsafeRaw: index == 0 ? "" : " OR ")
            sql += "kinds LIKE \(bind: "% " + kind + " %")"
        }
    }

    private static func decode(_ row: BodyRow) -> PublicBody? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(PublicBody.self, from: Data(row.body.utf8))
    }

    private struct IDRow: Decodable { let id: String }
    private struct CountRow: Decodable { let count: Int }
    private struct BodyRow: Decodable { let body: String }
    private struct IDBodyRow: Decodable { let id: String; let body: String }
    private struct FingerprintRow: Decodable { let fingerprint: String }
    private struct WordRow: Decodable { let word: String }
}
