import Foundation

/// The one text normalisation of the directory search: what the databases index (SQLite
/// FTS5, PostgreSQL full-text or pg_trgm) and what they are queried with, so that both
/// engines and the in-memory ranking agree on what "the same word" is.
///
/// Accents and case are folded, ligatures spelt out (œ → oe), hyphens, apostrophes and
/// any other non-alphanumeric character become word breaks, and the abbreviations `st`,
/// `ste` become `saint`, `sainte`: "St-Étienne", "SAINT ETIENNE" and "saint-étienne" all
/// give "saint etienne". Articles are kept ("le mans" is not "mans"); the query decides
/// which words it requires (`DirectoryQuery.requiredWords`).
public enum DirectorySearchKey {
    /// "L'Haÿ-les-Roses" → "l hay les roses".
    public static func normalized(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    /// The words of `normalized`, in order.
    public static func words(_ text: String) -> [String] {
        var folded = Text.folded(text)
        if folded.contains(where: { "œæß".contains($0) }) {
            folded = folded.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
                .replacingOccurrences(of: "ß", with: "ss")
        }
        // Letters outside Latin (an association's Greek or Arabic name) stay word characters.
        return folded
            .split { !($0.isLetter || $0.isNumber) }
            .map { word in abbreviations[String(word)] ?? String(word) }
    }

    private static let abbreviations = ["st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"]

    /// Short words that glue a name together; a query does not require them, since
    /// "caf de lyon" must find *Caisse d'allocations familiales du Rhône – Lyon*.
    public static let articles: Set<String> = [
        "l", "d", "le", "la", "les", "de", "du", "des", "au", "aux", "a", "en", "et", "sur", "un", "une",
    ]

    /// How many typing mistakes a word of this length tolerates: none up to 3 letters
    /// ("caf" is not "cap"), one up to 7, two beyond.
    public static func tolerance(forLength length: Int) -> Int {
        length <= 3 ? 0 : length <= 7 ? 1 : 2
    }

    /// Whether a typed word designates an indexed one: the same, the start of it (for a
    /// word of 3 letters or more, "bord" → "bordeaux"), or within `tolerance` mistakes.
    public static func isClose(typed: String, to word: String) -> Bool {
        if typed == word { return true }
        if typed.count >= 3, word.hasPrefix(typed) { return true }
        let limit = tolerance(forLength: typed.count)
        guard limit > 0, abs(typed.count - word.count) <= limit else { return false }
        return editDistance(typed, word, limit: limit) <= limit
    }

    /// The number of single-character insertions, deletions, substitutions and swaps of
    /// two neighbours that turn `a` into `b` (optimal string alignment distance). With a
    /// `limit`, stops early and returns `limit + 1` as soon as the distance exceeds it.
    public static func editDistance(_ a: String, _ b: String, limit: Int? = nil) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let cap = limit.map { $0 + 1 } ?? Int.max
        var twoBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, twoBack[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum >= cap { return cap }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return min(previous[b.count], cap)
    }
}

extension PublicBody {
    /// The text the databases index for this body: name, commune, postal code and kind
    /// labels, in `DirectorySearchKey` form.
    public var searchText: String {
        DirectorySearchKey.normalized(([name, commune ?? "", postalCode ?? ""] + kindLabels).joined(separator: " "))
    }

    /// The commune in `DirectorySearchKey` form without a *Cedex* suffix: what the search
    /// compares to put the bodies of the commune typed first.
    public var communeKey: String {
        DirectorySearchKey.normalized(DILAAddress.withoutCedex(commune ?? ""))
    }
}
