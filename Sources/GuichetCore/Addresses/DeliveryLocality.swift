import Foundation

/// The commune part of line 6 (*localité de destination*): upper case without accents or
/// punctuation, `SAINT` → `ST` and `SAINTE` → `STE` always, as La Poste writes it
/// (`97400 ST DENIS`), at most 32 characters with the CEDEX mention (`ALBI CEDEX 9`).
public enum DeliveryLocality {
    /// `Saint-Pierre-d'Oléron` → `ST PIERRE D OLERON`; with `cedex: "9"`, `… CEDEX 9`.
    public static func render(_ commune: String, cedex: String? = nil) -> String {
        let rendered = render(commune, cedex: cedex, limit: AddressText.maximumLabelLength, table: .standard)
        return ([rendered.name] + cedexWords(cedex)).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The commune fitted in `limit` characters less the CEDEX mention: saints first (always),
    /// then, if still too long, a parenthesised qualifier dropped (`CASTILLON (CANTON D
    /// ARTHEZ DE BEARN)`), titles abbreviated (`NOTRE DAME` → `ND`), and, last,
    /// `AddressText.shorten`.
    static func render(_ commune: String, cedex: String?, limit: Int, table: AbbreviationTable) -> (name: String, isCut: Bool) {
        let cedexLength = cedexWords(cedex).isEmpty ? 0 : AddressText.length(cedexWords(cedex)) + 1
        let budget = max(limit - cedexLength, 1)
        var words = AbbreviationTable.replacing(AddressText.words(commune), using: table.saints)
        if AddressText.length(words) > budget, let open = commune.firstIndex(of: "(") {
            words = AbbreviationTable.replacing(AddressText.words(String(commune[..<open])), using: table.saints)
        }
        if AddressText.length(words) > budget { words = AbbreviationTable.replacing(words, using: table.titles) }
        guard AddressText.length(words) > budget else { return (words.joined(separator: " "), false) }
        return (AddressText.shorten(words, toFit: budget).joined(separator: " "), true)
    }

    static func cedexWords(_ cedex: String?) -> [String] {
        guard let cedex else { return [] }
        return cedex.isEmpty ? ["CEDEX"] : ["CEDEX", cedex]
    }

    /// The commune field read into its name and CEDEX mention (*Albi Cedex 9* → `Albi`, `9`),
    /// a postal code typed again before the name dropped. A separate CEDEX field wins.
    static func parse(commune typed: String, postalCode: String, cedex field: String?) -> (name: String, cedex: String?) {
        var name = Text.normalized(typed)
        if postalCode.count == 5, postalCode.allSatisfy(\.isNumber), name.hasPrefix(postalCode),
           !(name.dropFirst(postalCode.count).first.map { $0.isLetter || $0.isNumber } ?? false) {
            name = String(name.dropFirst(postalCode.count)).trimmingCharacters(in: .whitespaces)
        }
        var cedex = field.map { digits($0) }
        if let range = name.range(of: "cedex", options: [.caseInsensitive, .diacriticInsensitive, .backwards]),
           range.lowerBound == name.startIndex || !name[name.index(before: range.lowerBound)].isLetter,
           range.upperBound == name.endIndex || !name[range.upperBound].isLetter {
            if cedex == nil { cedex = digits(String(name[range.upperBound...])) }
            name = String(name[..<range.lowerBound])
        }
        let trimmed = name.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ",;.-–")))
        return (trimmed, cedex)
    }

    /// The first run of digits: `" 09 "` → `"09"`, `""` for none.
    private static func digits(_ text: String) -> String {
        let start = text.drop { !($0.isASCII && $0.isNumber) }
        return String(start.prefix { $0.isASCII && $0.isNumber })
    }
}
