/// The procedures and registered organisations of the portal, as loaded at start-up.
public struct ProcedureCatalog: Sendable {
    public let procedures: [Procedure]
    public let organisations: [Organisation]
    private let index: [String: Int]
    private let searchable: [SearchText]

    public init(procedures: [Procedure], organisations: [Organisation]) {
        self.procedures = procedures.sorted { Text.folded($0.title) < Text.folded($1.title) }
        self.organisations = organisations
        index = Dictionary(uniqueKeysWithValues: self.procedures.enumerated().map { ($1.id, $0) })
        searchable = self.procedures.map { procedure in
            let names = procedure.processedBy.flatMap { target -> [String] in
                switch target {
                case .organisation(let id): [organisations.first { $0.id == id }?.name].compactMap { $0 }
                case .townHallOf: ["mairie"]
                case .chosenIn(let field): procedure.field(field)?.organisations.map(\.label) ?? []
                }
            }
            return SearchText(title: procedure.title,
                              other: [procedure.description, procedure.cerfa ?? "", procedure.cerfaLabel ?? "", procedure.nature.label]
                                  + procedure.keywords + procedure.themes.map(\.label) + names)
        }
    }

    public func procedure(_ id: String) -> Procedure? { index[id].map { procedures[$0] } }

    public func organisation(_ id: String) -> Organisation? { organisations.first { $0.id == id } }

    /// A search of the catalogue: every word of the query must appear (accents, case
    /// and plurals ignored), and each filter must hold. Title matches come first.
    public struct Query: Sendable, Equatable {
        public var text: String
        public var nature: ProcedureNature?
        public var theme: ProcedureTheme?
        public var audience: Audience?

        public init(text: String = "", nature: ProcedureNature? = nil, theme: ProcedureTheme? = nil, audience: Audience? = nil) {
            self.text = text
            self.nature = nature
            self.theme = theme
            self.audience = audience
        }

        public var isEmpty: Bool { SearchText.words(text).isEmpty && nature == nil && theme == nil && audience == nil }
    }

    public func search(_ query: Query) -> [Procedure] {
        let words = SearchText.words(query.text)
        var scored: [(score: Int, position: Int)] = []
        for (position, procedure) in procedures.enumerated() {
            if let nature = query.nature, procedure.nature != nature { continue }
            if let theme = query.theme, !procedure.themes.contains(theme) { continue }
            if let audience = query.audience, !procedure.audiences.contains(audience) { continue }
            guard let score = searchable[position].score(words) else { continue }
            scored.append((score, position))
        }
        return scored.sorted { ($0.score, -$0.position) > ($1.score, -$1.position) }.map { procedures[$0.position] }
    }
}

/// The words of a procedure, folded for matching.
struct SearchText: Sendable {
    let titleWords: [String]
    let otherWords: [String]

    init(title: String, other: [String]) {
        titleWords = Self.words(title, keepStopWords: true)
        otherWords = other.flatMap { Self.words($0, keepStopWords: true) }
    }

    /// Nil when a query word is missing; otherwise higher when words are in the title.
    func score(_ query: [String]) -> Int? {
        var score = 0
        for word in query {
            if titleWords.contains(where: { $0.hasPrefix(word) }) { score += 3 }
            else if otherWords.contains(where: { $0.hasPrefix(word) }) { score += 1 }
            else { return nil }
        }
        return score
    }

    static let stopWords: Set<String> = ["a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les",
                                         "mon", "ma", "mes", "pour", "par", "sur", "un", "une", "votre", "vos", "son", "sa", "ses"]

    /// Lower case without accents, split on anything but letters and digits, with a final
    /// plural `s` or `x` dropped so that "liste" finds "listes".
    static func words(_ text: String, keepStopWords: Bool = false) -> [String] {
        Text.folded(text)
            .split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
            .filter { keepStopWords || !stopWords.contains($0) }
            .map { word in word.count > 3 && (word.hasSuffix("s") || word.hasSuffix("x")) ? String(word.dropLast()) : word }
    }
}
