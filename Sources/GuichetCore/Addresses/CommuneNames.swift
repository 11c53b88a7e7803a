/// How a typed commune name is compared with the official one: people write *St Martin
/// de Re*, *La Rochelle* (the file says *Rochelle*) or *Villeurbane*, and mean the commune.
enum CommuneNames {
    static let articles: Set<String> = ["le", "la", "les", "l"]

    /// The name reduced to its letters and digits: accents, case, hyphens, apostrophes and
    /// spaces ignored, `St`/`Ste`/`Mt`/`S/` read as `Saint`/`Sainte`/`Mont`/`sur`, and a
    /// leading article dropped (the postal-code file leaves most of them out).
    static func key(_ name: String) -> String {
        var words = PostalCodeDirectory.nameKey(name).split(separator: " ").map { word -> String in
            switch word {
            case "mt": "mont"
            case "s": "sur"
            default: String(word)
            }
        }
        if words.count > 1, articles.contains(words[0]) { words.removeFirst() }
        return words.joined()
    }

    /// The article the person typed before the name (`La`, `L'`), when the official name
    /// has none: La Poste writes `17000 LA ROCHELLE` although the file says *Rochelle*.
    static func article(typed: String, official: String) -> String? {
        let typedWords = PostalCodeDirectory.nameKey(typed).split(separator: " ")
        let officialWords = PostalCodeDirectory.nameKey(official).split(separator: " ")
        guard typedWords.count > 1, let first = typedWords.first, articles.contains(String(first)),
              let officialFirst = officialWords.first, !articles.contains(String(officialFirst)) else { return nil }
        return first == "l" ? "L'" : first.prefix(1).uppercased() + first.dropFirst()
    }

    /// One typo apart: one letter inserted, missing or replaced, or two neighbours swapped
    /// (optimal string alignment distance of at most 1). Names under four letters must be
    /// exact: one typo there is another commune more often than a mistake.
    static func isOneTypoAway(_ typed: String, _ official: String) -> Bool {
        let a = Array(typed), b = Array(official)
        guard min(a.count, b.count) >= 4, abs(a.count - b.count) <= 1 else { return false }
        if a == b { return true }
        var start = 0
        while start < min(a.count, b.count), a[start] == b[start] { start += 1 }
        var end = 0
        while end < min(a.count, b.count) - start, a[a.count - 1 - end] == b[b.count - 1 - end] { end += 1 }
        let restA = Array(a[start..<(a.count - end)]), restB = Array(b[start..<(b.count - end)])
        switch (restA.count, restB.count) {
        case (1, 0), (0, 1), (1, 1): return true
        case (2, 2): return restA[0] == restB[1] && restA[1] == restB[0]
        default: return false
        }
    }
}
