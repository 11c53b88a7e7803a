import Foundation

/// What a person typed in the directory search box, taken apart: a postal code, a kind
/// of body ("caf", "préfecture", "impôts", "mairie"), and the other words (a name, a
/// commune). The databases filter on the first two and match the words against
/// `PublicBody.searchText`.
///
/// Never an error page: a query that cannot be searched gives a `Problem` whose message
/// the page shows above the search box.
public struct DirectoryQuery: Sendable, Equatable {
    public static let maximumLength = 200
    /// Words beyond this are ignored, which bounds the work of one search.
    public static let maximumWords = 12

    public enum Problem: Error, Sendable, Equatable {
        case empty
        case tooLong(length: Int)
        /// Only punctuation or symbols: nothing left to look for.
        case nothingToSearch

        public var message: String {
            switch self {
            case .empty:
                "Saisissez le nom d'un organisme, une commune ou un code postal, par exemple « CAF Lyon » ou « mairie 33000 »."
            case .tooLong(let length):
                "Votre recherche est trop longue : \(Self.maximum) au maximum, vous en avez saisi \(length). Gardez les mots essentiels, par exemple « préfecture Nantes »."
            case .nothingToSearch:
                "Votre recherche ne contient ni lettre ni chiffre. Saisissez le nom d'un organisme, une commune ou un code postal."
            }
        }

        private static let maximum = "\(DirectoryQuery.maximumLength) caractères"
    }

    /// The kind a query names, and every slug it stands for ("impots" → `sip`, `sie`…).
    public struct KindFilter: Sendable, Equatable {
        /// The term as recognised, in `DirectorySearchKey` form.
        public let term: String
        public let kinds: [PublicBodyKind]
        public var slugs: [String] { kinds.map(\.slug) }
        /// The group the databases index bodies of these kinds under (`PublicBodyKind.groups`).
        public var groupKey: String { PublicBodyKind.groupKey(slugs) }
    }

    /// The query cleaned of odd characters, to put back in the search box.
    public let text: String
    /// A five-digit postal code typed in the query.
    public let postalCode: String?
    /// The start of the postal codes of a department ("69", "20" for 2A/2B, "972"), when a
    /// department number is all the query has besides a kind: "caf 69".
    public let postalCodePrefix: String?
    public let kind: KindFilter?
    /// The other words, in `DirectorySearchKey` form and in order, articles included.
    public let words: [String]

    public init(_ typed: String) throws(Problem) {
        let trimmed = Text.normalized(typed)
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.count <= Self.maximumLength else { throw .tooLong(length: trimmed.count) }
        text = Self.cleaned(trimmed)
        var words = Array(DirectorySearchKey.words(text).prefix(Self.maximumWords))
        guard !words.isEmpty else { throw .nothingToSearch }

        let postalIndex = words.firstIndex { $0.count == 5 && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        postalCode = postalIndex.map { words.remove(at: $0) }
        kind = Self.extractKind(from: &words)
        if postalCode == nil, words.count == 1, let prefix = Self.department(words[0]) {
            postalCodePrefix = prefix
            words = []
        } else {
            postalCodePrefix = nil
        }
        self.words = words
    }

    public static func parse(_ typed: String) -> Result<DirectoryQuery, Problem> {
        Result { () throws(Problem) in try DirectoryQuery(typed) }
    }

    /// The words every result must contain: the query's words without articles (all of
    /// them when the query is only articles, as for a commune called "Le").
    public var requiredWords: [String] {
        let significant = words.filter { !DirectorySearchKey.articles.contains($0) }
        return significant.isEmpty ? words : significant
    }

    /// The words as one phrase, compared with `PublicBody.communeKey`.
    public var phrase: String { words.joined(separator: " ") }

    /// The message for a postal code that serves no commune, so that the page explains the
    /// empty result rather than just showing none.
    public func unknownPostalCodeMessage(in directory: PostalCodeDirectory) -> String? {
        guard let postalCode, !directory.contains(postalCode: postalCode) else { return nil }
        return "Le code postal \(postalCode) ne correspond à aucune commune. Vérifiez-le, ou cherchez par le nom de la commune."
    }

    /// Keeps letters, digits, spaces, hyphens and apostrophes; everything else (markup,
    /// symbols, control characters) becomes a space.
    static func cleaned(_ text: String) -> String {
        let kept = text.map { character -> Character in
            character.isLetter || character.isNumber || "-'’ ".contains(character) ? character : " "
        }
        return String(kept).split(separator: " ").joined(separator: " ")
    }

    /// Removes the longest kind term found in the words; failing that, a single long word
    /// one typo away from a kind ("prefecure").
    static func extractKind(from words: inout [String]) -> KindFilter? {
        for term in PublicBodyKind.allSearchTerms {
            let termWords = term.split(separator: " ").map(String.init)
            guard termWords.count <= words.count else { continue }
            for start in 0...(words.count - termWords.count) where Array(words[start..<start + termWords.count]) == termWords {
                words.removeSubrange(start..<start + termWords.count)
                return KindFilter(term: term, kinds: PublicBodyKind.matching(term: term))
            }
        }
        for (index, word) in words.enumerated() where word.count >= 6 {
            let limit = DirectorySearchKey.tolerance(forLength: word.count)
            let candidates = PublicBodyKind.allSearchTerms.lazy.filter { !$0.contains(" ") && $0.count >= 6 }
                .map { (term: $0, distance: DirectorySearchKey.editDistance(word, $0, limit: limit)) }
                .filter { $0.distance <= limit }
            if let closest = candidates.min(by: { $0.distance < $1.distance }) {
                words.remove(at: index)
                return KindFilter(term: closest.term, kinds: PublicBodyKind.matching(term: closest.term))
            }
        }
        return nil
    }

    /// "69" → "69", "2a" → "20", "972" → "972"; nil for what is not a department number.
    static func department(_ word: String) -> String? {
        if word == "2a" || word == "2b" { return "20" }
        guard word.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(word) else { return nil }
        if word.count == 2, (1...95).contains(number) { return word }
        if word.count == 3, (971...976).contains(number) { return word }
        return nil
    }
}
