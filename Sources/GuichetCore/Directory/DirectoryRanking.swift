/// The order of directory results, defined once in the domain so that SQLite and
/// PostgreSQL give the same page: each engine narrows the candidates with its own index
/// (FTS5 prefix terms, full-text or trigram similarity), then ranks them with `score`.
///
/// Bodies of the commune typed come first ("saint denis" puts Saint-Denis before
/// Saint-Denis-d'Oléron), then the closest spellings, then names in alphabetical order.
public struct DirectoryEntry: Sendable {
    public let body: PublicBody
    /// The words of `PublicBody.searchText`.
    public let words: [String]
    public let communeKey: String
    let sortKey: String

    public init(_ body: PublicBody) {
        self.body = body
        words = DirectorySearchKey.words(body.searchText)
        communeKey = body.communeKey
        sortKey = DirectorySearchKey.normalized(body.name)
    }

    /// From the columns a database keeps for the search, without reading the whole body:
    /// `body` then holds only what the ranking looks at (id, name, kinds, postal code).
    public init(id: String, name: String, kinds: [String], postalCode: String?, searchText: String, communeKey: String) {
        body = PublicBody(id: id, name: name, kinds: kinds, postalCode: postalCode)
        words = DirectorySearchKey.words(searchText)
        self.communeKey = communeKey
        sortKey = DirectorySearchKey.normalized(name)
    }
}

extension DirectoryQuery {
    /// Points for the commune typed exactly, far above what word matches can add up to.
    static let exactCommuneBonus = 1_000

    /// How well an entry answers the query, higher first; nil when it does not answer it
    /// (wrong kind or postal code, or a required word missing even allowing for typos).
    public func score(_ entry: DirectoryEntry) -> Int? { match(entry)?.score }

    /// The score, and whether every word was found as typed or as the start of a word:
    /// those results hide the ones that needed a typo forgiven ("mairie lyon" does not list
    /// Lion-sur-Mer). A typo is only forgiven after the first two letters, which is also
    /// what the databases' narrowing can find (`typoPrefixes`).
    func match(_ entry: DirectoryEntry) -> (score: Int, typoFree: Bool)? {
        let body = entry.body
        if let kind, !body.kinds.contains(where: kind.slugs.contains) { return nil }
        if let postalCode, body.postalCode != postalCode { return nil }
        if let postalCodePrefix, !(body.postalCode ?? "").hasPrefix(postalCodePrefix) { return nil }
        var score = 0
        var typoFree = true
        for typed in requiredWords {
            var best = 0
            for word in entry.words {
                let points = typed == word ? 3 : word.hasPrefix(typed) && (typed.count >= 3 || typed.allSatisfy(\.isNumber)) ? 2
                    : word.prefix(2) == typed.prefix(2) && DirectorySearchKey.isClose(typed: typed, to: word) ? 1 : 0
                best = max(best, points)
                if best == 3 { break }
            }
            guard best > 0 else { return nil }
            if best == 1 { typoFree = false }
            score += best
        }
        if !entry.communeKey.isEmpty, containsPhrase(entry.communeKey) { score += Self.exactCommuneBonus }
        return (score, typoFree)
    }

    /// Whether the words typed hold the commune's name as consecutive words ("caf saint
    /// denis" holds "saint denis"), articles aside on both sides: the town-hall data
    /// writes "L'Abergement-Clémenciat" where people type "Abergement-Clémenciat".
    func containsPhrase(_ commune: String) -> Bool {
        let significant = { (word: Substring) in !DirectorySearchKey.articles.contains(String(word)) }
        let communeWords = commune.split(separator: " ").filter(significant)
        let typed = words.map { Substring($0) }.filter(significant)
        guard !communeWords.isEmpty, communeWords.count <= typed.count else { return false }
        return (0...(typed.count - communeWords.count)).contains { typed[$0..<$0 + communeWords.count].elementsEqual(communeWords) }
    }

    /// The SQLite FTS5 `MATCH` expression of the required words, each as a prefix:
    /// `"caf"* "lyon"*`. Words hold only letters and digits, so quoting is safe. Nil when
    /// the query filters only on kind or postal code.
    public var fts5Expression: String? {
        requiredWords.isEmpty ? nil : requiredWords.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    /// The PostgreSQL `to_tsquery('simple', …)` text of the required words, each as a
    /// prefix: `caf:* & lyon:*`.
    public var tsqueryExpression: String? {
        requiredWords.isEmpty ? nil : requiredWords.map { "\($0):*" }.joined(separator: " & ")
    }

    /// The first two letters of each required word: a typo is forgiven only after them,
    /// so the indexed words a typed one may stand for all start with them.
    public var typoPrefixes: [String] { requiredWords.map { String($0.prefix(2)) } }

    /// The expressions that find every body a typo may be meant for, given for each
    /// required word the indexed words it is close to (`DirectorySearchKey.isClose`, among
    /// those sharing its first two letters): each word as a prefix or one of those.
    /// Nil when a word has none, so that no body can answer.
    public func typoExpressions(closeWords: [[String]]) -> (fts5: String, tsquery: String)? {
        guard closeWords.count == requiredWords.count, !requiredWords.isEmpty, closeWords.allSatisfy({ !$0.isEmpty }) else { return nil }
        let fts5 = zip(requiredWords, closeWords).map { typed, close in
            "(" + (["\"\(typed)\"*"] + close.map { "\"\($0)\"" }).joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
        let tsquery = zip(requiredWords, closeWords).map { typed, close in
            "(" + (["\(typed):*"] + close).joined(separator: " | ") + ")"
        }.joined(separator: " & ")
        return (fts5, tsquery)
    }

    /// Which of some indexed words a typed one may stand for.
    public static func closeWords(to typed: String, among words: [String]) -> [String] {
        words.filter { $0.prefix(2) == typed.prefix(2) && DirectorySearchKey.isClose(typed: typed, to: $0) }
    }

    /// Only the results found without forgiving a typo, when there are any.
    public func rank(_ entries: [DirectoryEntry]) -> [DirectoryEntry] {
        let matched = entries.compactMap { entry in match(entry).map { (entry, $0.score, $0.typoFree) } }
        let kept = matched.contains { $0.2 } ? matched.filter { $0.2 } : matched
        return kept.sorted { ($1.1, $0.0.sortKey, $0.0.body.id) < ($0.1, $1.0.sortKey, $1.0.body.id) }.map(\.0)
    }

    /// Whether `rank` kept results found without a typo (else it forgave one).
    public func foundAsTyped(_ ranked: [DirectoryEntry]) -> Bool {
        ranked.first.map { match($0)?.typoFree ?? false } ?? false
    }
}

/// An in-memory directory: the shipped default (town halls and the sample) before any
/// database exists, and the reference the database searches are tested against.
public struct DirectoryIndex: Sendable {
    public let entries: [DirectoryEntry]
    private let byID: [String: Int]

    public init(_ bodies: [PublicBody]) {
        var entries: [DirectoryEntry] = []
        var byID: [String: Int] = [:]
        for body in bodies {
            // Keyed by id like the database: a later body replaces an earlier one.
            if let index = byID[body.id] { entries[index] = DirectoryEntry(body) } else {
                byID[body.id] = entries.count
                entries.append(DirectoryEntry(body))
            }
        }
        self.entries = entries
        self.byID = byID
    }

    public var count: Int { entries.count }

    public func body(id: String) -> PublicBody? { byID[id].map { entries[$0].body } }

    /// Every matching body in rank order.
    public func search(_ query: DirectoryQuery) -> [PublicBody] {
        query.rank(entries).map(\.body)
    }

    /// One page of results.
    public func search(_ query: DirectoryQuery, page requested: String?, pageSize: Int = DirectoryPage.defaultSize) -> DirectoryResults {
        let all = search(query)
        let page = DirectoryPage(requested: requested, total: all.count, size: pageSize)
        return DirectoryResults(query: query, page: page, bodies: Array(all[page.range]))
    }
}
