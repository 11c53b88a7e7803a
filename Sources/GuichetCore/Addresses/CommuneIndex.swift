/// Every postal code and commune of the directory by commune name, to suggest the right
/// code for a name and to accept a CEDEX code in the commune's department.
struct CommuneIndex: Sendable {
    private let byKey: [String: [AddressSuggestion]]
    private let keysByLength: [Int: [String]]

    /// The directory answers by postal code only; postal codes are five digits, so walking
    /// the 100,000 possible codes builds the reverse index from the same data, without a
    /// second read of the file. An arrondissement is also listed under its city's name.
    init(directory: PostalCodeDirectory) {
        var table: [String: [AddressSuggestion]] = [:]
        let digits = Array("0123456789")
        for value in 0..<100_000 {
            var code = ""
            var rest = value
            for divisor in [10_000, 1_000, 100, 10, 1] {
                code.append(digits[rest / divisor])
                rest %= divisor
            }
            for commune in directory.communes(postalCode: code) {
                let suggestion = AddressSuggestion(postalCode: code, commune: commune)
                table[CommuneNames.key(commune.name), default: []].append(suggestion)
                if commune.isArrondissement { table[CommuneNames.key(commune.municipality.name), default: []].append(suggestion) }
            }
        }
        byKey = table
        keysByLength = Dictionary(grouping: table.keys, by: \.count)
    }

    /// The postal codes of the commune a name designates: the same key, else (for names
    /// of five letters or more, to keep the list meaningful) the names one typo away.
    func lookup(_ name: String) -> [AddressSuggestion] {
        let key = CommuneNames.key(name)
        guard !key.isEmpty else { return [] }
        if let exact = byKey[key] { return exact }
        guard key.count >= 5 else { return [] }
        let near = (key.count - 1...key.count + 1).flatMap { keysByLength[$0] ?? [] }
            .filter { CommuneNames.isOneTypoAway(key, $0) }
            .sorted()
        return near.flatMap { byKey[$0] ?? [] }
    }

    /// The communes of one postal code that a typed name designates, from the surest
    /// reading to the most tolerant; the first reading that finds any wins.
    static func matches(_ typed: String, among communes: [PostalCodeDirectory.Commune]) -> [PostalCodeDirectory.Commune] {
        let nameKey = PostalCodeDirectory.nameKey(typed)
        let key = CommuneNames.key(typed)
        let locality = DeliveryLocality.render(typed)
        let readings: [(PostalCodeDirectory.Commune) -> Bool] = [
            // The same words: accents, case, punctuation and St/Saint aside.
            { PostalCodeDirectory.nameKey($0.name) == nameKey },
            // "Paris", "Paris 2e", "Lyon 3ème" for an arrondissement.
            { commune in
                guard commune.isArrondissement else { return false }
                let city = PostalCodeDirectory.nameKey(commune.municipality.name)
                return nameKey == city || nameKey.hasPrefix(city + " ")
            },
            // Articles, spaces and hyphens aside (La Rochelle, Sables d'Olonne).
            { CommuneNames.key($0.name) == key },
            // The same delivery locality, as a proposal already written by La Poste's rules.
            { DeliveryLocality.render($0.name) == locality },
            // One typo.
            { CommuneNames.isOneTypoAway(key, CommuneNames.key($0.name)) },
        ]
        for reading in readings {
            var found: [PostalCodeDirectory.Commune] = []
            for commune in communes where reading(commune) && !found.contains(where: { $0.inseeCode == commune.inseeCode }) {
                found.append(commune)
            }
            if !found.isEmpty { return found }
        }
        return []
    }
}
