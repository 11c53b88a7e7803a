import Foundation

/// An address of a DILA record, as lines for the page and the postal code and commune
/// the search filters on.
struct DILAAddress: Equatable {
    var lines: [String]
    var postalCode: String?
    var commune: String?

    /// The address where people go (`type_adresse` "Adresse", or any type that is not
    /// postal) and the mailing address ("Adresse postale"), from `adresse[]`.
    static func read(_ entries: [JSONValue]) -> (visit: DILAAddress?, postal: DILAAddress?) {
        var visit: DILAAddress?, postal: DILAAddress?
        for entry in entries {
            guard let address = DILAAddress(entry), !address.lines.isEmpty else { continue }
            let type = DILARecord.object(entry).flatMap { DILARecord.string($0["type_adresse"]) } ?? ""
            if type.lowercased().contains("postal") {
                if postal == nil { postal = address }
            } else if visit == nil {
                visit = address
            }
        }
        return (visit, postal == visit ? nil : postal)
    }

    init(lines: [String], postalCode: String?, commune: String?) {
        self.lines = lines
        self.postalCode = postalCode
        self.commune = commune
    }

    /// An `adresse[]` entry: an object, or a plain string ("2 esplanade Charles-de-Gaulle
    /// 33000 Bordeaux", lines separated by line breaks or commas).
    init?(_ entry: JSONValue) {
        if let fields = DILARecord.object(entry) {
            let field = { (key: String) in DILARecord.string(fields[key]) }
            let postalCode = field("code_postal")
            let commune = field("nom_commune")
            var lines = ["complement1", "complement2", "numero_voie", "service_distribution"].compactMap(field)
            let locality = [postalCode, commune].compactMap { $0 }.joined(separator: " ")
            if !locality.isEmpty { lines.append(locality) }
            if let country = field("pays"), Text.folded(country) != "france" { lines.append(country) }
            self.init(lines: lines, postalCode: postalCode, commune: commune.map(Self.withoutCedex))
        } else if let text = DILARecord.string(entry) {
            self.init(text: text)
        } else {
            return nil
        }
    }

    /// An address written as text; its last "NNNNN Commune" gives the postal code and
    /// commune, on a line of its own.
    init(text: String) {
        var lines = text.split(whereSeparator: \.isNewline).flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var postalCode: String?, commune: String?
        if let last = lines.last, let locality = Self.locality(in: last) {
            postalCode = locality.postalCode
            commune = Self.withoutCedex(locality.commune)
            lines.removeLast()
            if !locality.before.isEmpty { lines.append(locality.before) }
            lines.append("\(locality.postalCode) \(locality.commune)")
        }
        self.init(lines: lines, postalCode: postalCode, commune: commune)
    }

    /// "Lyon Cedex 03" → "Lyon": the commune, not the mail-sorting suffix.
    static func withoutCedex(_ commune: String) -> String {
        guard commune.range(of: "cedex", options: .caseInsensitive) != nil else { return commune }
        return commune.replacingOccurrences(of: #"\s+cedex(\s+\d+)?\s*$"#, with: "", options: [.regularExpression, .caseInsensitive])
    }

    /// The last "NNNNN Commune" of a line: five digits starting the line or following a
    /// space, then a space and the commune ("2 rue X 44600 Saint-Nazaire"). What comes
    /// before is the street part.
    static func locality(in line: String) -> (before: String, postalCode: String, commune: String)? {
        let characters = Array(line)
        guard characters.count >= 7 else { return nil }
        for start in stride(from: characters.count - 7, through: 0, by: -1) {
            guard start == 0 || characters[start - 1] == " ",
                  characters[start..<start + 5].allSatisfy({ $0.isASCII && $0.isNumber }), characters[start + 5] == " " else { continue }
            let commune = String(characters[(start + 6)...]).trimmingCharacters(in: .whitespaces)
            guard !commune.isEmpty else { continue }
            let before = String(characters[..<start]).trimmingCharacters(in: .whitespaces)
            return (before, String(characters[start..<start + 5]), commune)
        }
        return nil
    }
}
