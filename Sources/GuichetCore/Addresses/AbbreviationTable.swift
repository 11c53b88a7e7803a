/// The La Poste abbreviations used to fit an address into 38-character lines
/// (`Resources/address-abbreviations.csv`, whose first lines name the source). Kept as data
/// so that a postal agent can check or complete the list without reading Swift.
public struct AbbreviationTable: Sendable {
    /// A street type (*type de voie*) and the abbreviation La Poste writes when a line is too long.
    public struct StreetType: Sendable, Hashable {
        /// Upper-case words without accents: `AVENUE`, `ROND POINT`.
        public let full: String
        public let abbreviation: String
    }

    /// How a street type was written by the person: what we may keep as it is.
    enum TypedForm: Sendable {
        /// The full form or La Poste's abbreviation: both are correct and kept.
        case standard([String])
        /// Another spelling (`BLD`, `AVE`): read as the type and written in full.
        case variant
    }

    /// Abbreviations of one kind, keyed by their full words (`NOTRE DAME` → `ND`).
    public struct Words: Sendable {
        public let entries: [String: String]
        /// The most words in a key, so that replacing tries `NOTRE DAME` before `NOTRE`.
        let longest: Int

        init(_ entries: [String: String]) {
            self.entries = entries
            longest = entries.keys.map { $0.split(separator: " ").count }.max() ?? 1
        }

        public subscript(full: String) -> String? { entries[full] }
    }

    public let streetTypes: [StreetType]
    /// Titles, `SAINT`/`SAINTE`, first names and L2/L3 words.
    public let titles: Words
    public let saints: Words
    public let firstNames: Words
    public let deliveryPoints: Words
    /// `BOITE POSTALE` → `BP`: services La Poste always writes abbreviated.
    public let services: Words

    /// Every spelling of a street type (full, abbreviation, variants), by its words.
    private let streetTypeSpellings: [String: (type: StreetType, form: TypedForm)]
    /// The longest spelling in words, so that lookups try `ZONE D AMENAGEMENT CONCERTE` first.
    let longestStreetType: Int

    /// Reads the table; lines starting with `#` are comments, then a `kind,full,abbreviation` header.
    public init(csv: String) {
        let data = csv.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }
            .joined(separator: "\n")
        var types: [StreetType] = []
        var spellings: [String: (type: StreetType, form: TypedForm)] = [:]
        var variants: [(full: String, spelling: String)] = []
        var tables: [String: [String: String]] = [:]
        for record in CSV.records(data) {
            guard let kind = record["kind"], let full = record["full"], let short = record["abbreviation"] else { continue }
            switch kind {
            case "street-type":
                let type = StreetType(full: full, abbreviation: short)
                types.append(type)
                spellings[full] = (type, .standard(full.split(separator: " ").map(String.init)))
                if spellings[short] == nil { spellings[short] = (type, .standard([short])) }
            case "variant":
                variants.append((full, short))
            default:
                tables[kind, default: [:]][full] = short
            }
        }
        for variant in variants {
            guard let type = types.first(where: { $0.full == variant.full }), spellings[variant.spelling] == nil else { continue }
            spellings[variant.spelling] = (type, .variant)
        }
        streetTypes = types
        streetTypeSpellings = spellings
        longestStreetType = spellings.keys.map { $0.split(separator: " ").count }.max() ?? 1
        titles = Words(tables["title"] ?? [:])
        saints = Words(tables["saint"] ?? [:])
        firstNames = Words(tables["first-name"] ?? [:])
        deliveryPoints = Words(tables["delivery-point"] ?? [:])
        services = Words(tables["service"] ?? [:])
    }

    /// The table shipped with Guichet, read once per process.
    public static let standard = AbbreviationTable(csv: ReferenceData.text("address-abbreviations.csv"))

    /// The street type that `words` start with, the longest spelling first, and how many
    /// words it takes.
    func streetType(startingAt words: ArraySlice<String>) -> (type: StreetType, form: TypedForm, length: Int)? {
        for length in stride(from: min(longestStreetType, words.count), through: 1, by: -1) {
            let key = words.prefix(length).joined(separator: " ")
            if let found = streetTypeSpellings[key] { return (found.type, found.form, length) }
        }
        return nil
    }

    /// Replaces every occurrence of the table's entries (multi-word ones first) in `words`.
    static func replacing(_ words: [String], using table: Words) -> [String] {
        var result: [String] = []
        var index = 0
        while index < words.count {
            var replaced = false
            for length in stride(from: min(table.longest, words.count - index), through: 1, by: -1) {
                let key = length == 1 ? words[index] : words[index..<index + length].joined(separator: " ")
                if let short = table.entries[key] {
                    result.append(contentsOf: short.split(separator: " ").map(String.init))
                    index += length
                    replaced = true
                    break
                }
            }
            if !replaced {
                result.append(words[index])
                index += 1
            }
        }
        return result
    }
}
