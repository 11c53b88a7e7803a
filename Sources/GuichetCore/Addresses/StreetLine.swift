/// How far the normaliser had to go to fit a line, in La Poste's order: each stage is
/// tried only when the previous one left the line too long.
public enum AbbreviationStage: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// Written as typed (tidied): it already fitted.
    case none
    /// `AVENUE` → `AV`, `BOULEVARD` → `BD`…
    case streetType
    /// `GENERAL` → `GAL`, `NOTRE DAME` → `ND`…
    case titles
    /// `SAINT` → `ST`, `SAINTE` → `STE`.
    case saints
    /// `JEAN BAPTISTE` → `J B`.
    case firstNames
    /// Still too long after every abbreviation: the initials, else the inner connectors
    /// (`DE`, `LA`…), else the last words were left out (`AddressText.shorten`).
    case cut

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Line 4 of an address (number, repetition suffix, street type, street name), read from
/// what was typed and written as La Poste writes it.
public struct StreetLine: Sendable, Hashable {
    /// The house number without leading zeros; the first one of a range (`4-8` → `4`).
    public let number: String?
    /// The repetition suffix: `B` (bis), `T` (ter), `Q` (quater), `C` (quinquies) or a letter.
    public let suffix: String?
    public let streetType: AbbreviationTable.StreetType?
    /// The words after the street type, unabbreviated (`DU GENERAL DE GAULLE`).
    public let name: String
    /// Street type and name as written on the line, abbreviated if it had to be.
    public let label: String
    public let stage: AbbreviationStage
    /// The line as sent: number, suffix and label.
    public let line: String
    /// The line as it would read without any abbreviation, to show or test what changed.
    public let fullLine: String
}

/// Line 4 read into its parts, before it is fitted into 38 characters.
struct ParsedStreet {
    var number: String?
    var suffix: String?
    var type: AbbreviationTable.StreetType?
    /// The type as it will be written when it fits: as typed if standard, else in full.
    var typeWords: [String] = []
    var nameWords: [String] = []

    static let suffixWords = ["BIS": "B", "TER": "T", "QUATER": "Q", "QUINQUIES": "C"]
    /// Single letters that are also elided articles (`3 l'Ormeau`): a suffix only before a street type.
    static let elisions: Set<String> = ["D", "L"]

    /// `4-8`, `4/8`, `4 à 8`, `4 au 8`, `4 et 6`: the range's second number is dropped.
    static let rangeWords: Set<String> = ["A", "AU", "ET"]

    /// The number and suffix before the label: `12 B`, or glued (`12D`, `12A 8 MAI`) where
    /// a separate letter would read as an elision or a range, so that reading the line
    /// again finds the same suffix.
    var numberPart: String {
        guard let number else { return "" }
        guard let suffix else { return number }
        let elision = type == nil && Self.elisions.contains(suffix)
        let range = Self.rangeWords.contains(suffix) && typeWords.isEmpty && nameWords.first?.first?.isNumber == true
        return elision || range ? number + suffix : number + " " + suffix
    }

    init(_ typed: String, table: AbbreviationTable) {
        var tokens = Self.tokens(typed)
        var index = 0
        if let first = tokens.first, let leading = Self.leadingNumber(first.word) {
            let (digits, rest) = leading
            number = digits
            if rest.isEmpty {
                index = 1
            } else if let suffix = Self.suffixWords[rest] ?? (rest.count == 1 ? rest : nil) {
                self.suffix = suffix
                index = 1
            } else {
                tokens[0].word = rest
            }
            if index < tokens.count {
                let next = tokens[index]
                if next.afterDash, Self.leadingNumber(next.word) != nil {
                    index += 1
                } else if Self.rangeWords.contains(next.word), index + 1 < tokens.count, Self.leadingNumber(tokens[index + 1].word) != nil {
                    index += 2
                }
            }
        }
        let words = tokens.map(\.word)
        if number != nil, suffix == nil, index < words.count, table.streetType(startingAt: words[index...]) == nil {
            let word = words[index]
            if let suffix = Self.suffixWords[word] {
                self.suffix = suffix
                index += 1
            } else if word.count == 1, word.first!.isLetter, index + 1 < words.count,
                      !Self.elisions.contains(word) || table.streetType(startingAt: words[(index + 1)...]) != nil {
                suffix = word
                index += 1
            }
        }
        if let found = table.streetType(startingAt: words[index...]) {
            type = found.type
            switch found.form {
            case .standard(let spelling): typeWords = spelling
            case .variant: typeWords = found.type.full.split(separator: " ").map(String.init)
            }
            index += found.length
        }
        nameWords = Array(words[index...])
    }

    /// A house number (at most five digits, leading zeros dropped) and the letters glued to it.
    private static func leadingNumber(_ word: String) -> (String, String)? {
        let digits = word.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 5, let value = Int(digits) else { return nil }
        let rest = word.dropFirst(digits.count)
        guard rest.allSatisfy(\.isLetter) else { return nil }
        return (String(value), String(rest))
    }

    /// The words of the line, each marked when a dash or slash came just before it (a range).
    private static func tokens(_ typed: String) -> [(word: String, afterDash: Bool)] {
        var tokens: [(word: String, afterDash: Bool)] = []
        var current = ""
        var dash = false
        for character in AddressText.upperFolded(typed) {
            if AddressText.isAllowed(character) {
                current.append(character)
                continue
            }
            if !current.isEmpty {
                tokens.append((current, dash))
                current = ""
                dash = false
            }
            if "-/‐‑–—".contains(character) { dash = true }
        }
        if !current.isEmpty { tokens.append((current, dash)) }
        return tokens
    }
}
