/// Which commune a postal code and a typed commune name designate.
public enum CommuneMatch: Sendable, Equatable {
    case found(PostalCodeDirectory.Commune)
    case malformedPostalCode
    case unknownPostalCode
    /// The postal code exists but serves none of that name; these are the ones it serves.
    case nameMismatch([PostalCodeDirectory.Commune])
}

extension PostalCodeDirectory {
    /// Matches what people type: accents, case, hyphens and apostrophes ignored, `St`
    /// for `Saint`, and the city's name for one of its arrondissements ("Paris" for
    /// 75002, which the table calls "Paris 2e Arrondissement").
    public func match(postalCode: String, name: String) -> CommuneMatch {
        guard postalCode.count == 5, postalCode.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .malformedPostalCode }
        let candidates = communes(postalCode: postalCode)
        guard !candidates.isEmpty else { return .unknownPostalCode }
        let typed = Self.nameKey(name)
        if let exact = candidates.first(where: { Self.nameKey($0.name) == typed }) { return .found(exact) }
        if let arrondissement = candidates.first(where: { $0.isArrondissement && typed.hasPrefix(Self.nameKey($0.municipality.name)) }) {
            return .found(arrondissement)
        }
        return .nameMismatch(candidates)
    }

    /// A commune name reduced to what distinguishes it.
    public static func nameKey(_ name: String) -> String {
        let words = Text.folded(name)
            .split { !($0.isLetter || $0.isNumber) }
            .map { word -> String in
                switch word {
                case "st": "saint"
                case "ste": "sainte"
                default: String(word)
                }
            }
        return words.joined(separator: " ")
    }
}
