/// The character rules of a French postal address (AFNOR NF Z10-011). The last three lines
/// are read by sorting machines: upper case, no accents, no punctuation, single spaces; the
/// first three are read by people and only tidied.
public enum AddressText {
    /// La Poste's maximum line length, and the maximum length of a street label or of the
    /// delivery locality (the code and a space take the other six characters of line 6).
    public static let maximumLineLength = 38
    public static let maximumLabelLength = 32

    /// Upper case without accents, ligatures spelled out (`Œ` → `OE`); punctuation kept.
    static func upperFolded(_ text: String) -> String {
        // Most words are plain ASCII already (and every line written by the normaliser).
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.uppercased() }
        return Text.folded(Text.normalized(text))
            .replacingOccurrences(of: "œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae")
            .uppercased()
    }

    /// Whether a character may appear on lines 4 to 6 (besides the single space).
    public static func isAllowed(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (65...90).contains(ascii) || (48...57).contains(ascii)
    }

    /// The words of `text` as lines 4 to 6 write them: `l'Église-Saint-Jean` → `L EGLISE SAINT JEAN`.
    /// Apostrophes and hyphens separate words, as La Poste writes them.
    public static func words(_ text: String) -> [String] {
        upperFolded(text).split { !isAllowed($0) }.map(String.init)
    }

    /// A line 1 to 3 as the person typed it (case and accents kept), without control
    /// characters and with every run of spaces made one space.
    static func tidied(_ text: String) -> String {
        Text.normalized(text)
            .split { $0.isWhitespace || Text.containsControlCharacters(String($0)) }
            .joined(separator: " ")
    }

    /// Words that read badly at the end of a shortened line (`RUE DE LA`).
    static let connectors: Set<String> = ["A", "AU", "AUX", "D", "DE", "DES", "DU", "EN", "ET", "L", "LA", "LE", "LES", "SOUS", "SUR"]

    /// The last resort when every abbreviation has been tried: the `expendable` words left
    /// out (initials of first names), else connectors inside the line (`DE`, `LA`…), last first,
    /// if that is enough, else the last words, never leaving a dangling connector; a word
    /// longer than a whole line is cut where the line ends.
    static func shorten(_ words: [String], toFit maximum: Int, expendable: Set<Int> = []) -> [String] {
        var words = words
        for index in expendable.sorted(by: >) where length(words) > maximum && index < words.count {
            words.remove(at: index)
        }
        if length(words) <= maximum { return words }
        var withoutConnectors = words
        for index in words.indices.dropFirst().reversed() where length(withoutConnectors) > maximum && connectors.contains(upperFolded(words[index])) {
            withoutConnectors.remove(at: index)
        }
        if length(withoutConnectors) <= maximum { return withoutConnectors }
        var kept: [String] = []
        for word in words {
            let room = maximum - (kept.isEmpty ? 0 : length(kept) + 1)
            if word.count <= room {
                kept.append(word)
                continue
            }
            // A word longer than a whole line can never fit: keep what there is room for.
            if word.count > maximum, room > 0 { kept.append(String(word.prefix(room))) }
            break
        }
        while kept.count > 1, let last = kept.last, connectors.contains(upperFolded(last)) { kept.removeLast() }
        return kept
    }

    /// The length of words joined by single spaces.
    static func length(_ words: [String]) -> Int {
        words.isEmpty ? 0 : words.reduce(words.count - 1) { $0 + $1.count }
    }
}
