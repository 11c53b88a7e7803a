import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// *Annuaire de l'administration* (SPEC §8): the search and a body's page. The database
/// narrows with its text index (FTS5 on SQLite, a `tsvector` on PostgreSQL); the order is
/// the domain's (`DirectoryQuery.rank`), so both engines give the same page.
public enum DirectorySearch {
    /// The most rows one search reads to rank: every body of a common word ("saint")
    /// stays under it on the full national directory.
    public static let candidateLimit = 20_000

    public enum Outcome: Sendable {
        /// A page of results, and a French notice for a query that cannot match (an
        /// unknown postal code).
        case results(DirectoryResults, notice: String?)
        /// A query that cannot be searched (empty, too long, only symbols): its message.
        case refused(String)
    }

    public static func search(_ typed: String, page requested: String?, in context: OperationContext) async throws -> Outcome {
        let query: DirectoryQuery
        switch DirectoryQuery.parse(typed) {
        case .failure(let problem): return .refused(problem.message)
        case .success(let parsed): query = parsed
        }
        let filter = PublicBodies.Filter(kind: query.kind, postalCode: query.postalCode, postalCodePrefix: query.postalCodePrefix)
        let notice = query.unknownPostalCodeMessage(in: context.guichet.postalCodes)
        guard !query.requiredWords.isEmpty else {
            let total = try await PublicBodies.count(filter, on: context.db)
            let page = DirectoryPage(requested: requested, total: total)
            let ids = try await PublicBodies.ids(filter, offset: page.offset, limit: page.size, on: context.db)
            return .results(DirectoryResults(query: query, page: page, bodies: try await PublicBodies.bodies(ids, on: context.db)), notice: notice)
        }
        let candidates = try await PublicBodies.candidates(fts5: query.fts5Expression, tsquery: query.tsqueryExpression, filter: filter,
                                                           limit: candidateLimit, on: context.db)
        var ranked = query.rank(candidates.map(\.entry))
        if !query.foundAsTyped(ranked) {
            // Nothing has the words as typed: perhaps a typo, which the ranking forgives
            // after the first two letters. The indexed words close to each typed one are
            // looked up, then the bodies holding them.
            var close: [[String]] = []
            for (typed, prefix) in zip(query.requiredWords, query.typoPrefixes) {
                close.append(DirectoryQuery.closeWords(to: typed, among: try await PublicBodies.words(startingWith: prefix, on: context.db)))
            }
            if let expressions = query.typoExpressions(closeWords: close) {
                let loose = try await PublicBodies.candidates(fts5: expressions.fts5, tsquery: expressions.tsquery, filter: filter,
                                                              limit: candidateLimit, on: context.db)
                ranked = query.rank(loose.map(\.entry))
            } else {
                ranked = []
            }
        }
        let page = DirectoryPage(requested: requested, total: ranked.count)
        let bodies = try await PublicBodies.bodies(ranked[page.range].map(\.body.id), on: context.db)
        return .results(DirectoryResults(query: query, page: page, bodies: bodies), notice: notice)
    }

    /// A body's page.
    public static func body(_ id: String, in context: OperationContext) async throws -> PublicBody {
        guard id.count <= 200, let body = try await PublicBodies.find(id, on: context.db) else { throw OperationError.notFound }
        return body
    }
}
