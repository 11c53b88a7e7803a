import Foundation

/// A town hall (*mairie*) from the reference data: where dossiers addressed to "the
/// town hall of the commune" go.
public struct TownHall: Sendable, Equatable {
    public static let organisationPrefix = "mairie-"

    public let inseeCode: String
    public let communeName: String
    public let contacts: Contacts

    public init(inseeCode: String, communeName: String, contacts: Contacts) {
        self.inseeCode = inseeCode
        self.communeName = communeName
        self.contacts = contacts
    }

    /// *Mairie de Lyon*, *Mairie d'Ambérieu-en-Bugey*, *Mairie du Mans*, *Mairie des Abrets*.
    public var name: String { "Mairie " + Self.of(communeName) }

    /// The French "de" before a commune's name, with elision and contraction.
    public static func of(_ commune: String) -> String {
        if commune.hasPrefix("Le ") { return "du " + commune.dropFirst(3) }
        if commune.hasPrefix("Les ") { return "des " + commune.dropFirst(4) }
        if let first = Text.folded(String(commune.prefix(1))).first, "aeiouyh".contains(first) { return "d'" + commune }
        return "de " + commune
    }

    public var organisation: Organisation {
        Organisation(id: Self.organisationPrefix + inseeCode, name: name, kind: "Mairie", contacts: contacts,
                     help: ["Pour toute question sur votre dossier, adressez-vous directement à la mairie."])
    }
}

/// The town halls of the reference data, by the INSEE code of their commune.
public struct TownHallDirectory: Sendable {
    private let byINSEECode: [String: TownHall]

    public init(_ townHalls: [TownHall]) {
        byINSEECode = Dictionary(townHalls.map { ($0.inseeCode, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads the `town-halls.csv` columns: insee_code, commune_name, address (several
    /// lines), email, phone, website, opening_hours_json.
    public init(csv: String) {
        self.init(CSV.records(csv).compactMap { record in
            guard let insee = record["insee_code"], !insee.isEmpty, let name = record["commune_name"] else { return nil }
            func value(_ key: String) -> String? {
                guard let text = record[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
                return text
            }
            let contacts = Contacts(
                address: (value("address") ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                phone: value("phone"), email: value("email"), website: value("website"),
                hours: OpeningHours.describe(json: value("opening_hours_json") ?? ""))
            return TownHall(inseeCode: insee, communeName: name, contacts: contacts)
        })
    }

    public var count: Int { byINSEECode.count }

    public func townHall(inseeCode: String) -> TownHall? { byINSEECode[inseeCode] }

    /// The town hall of an organisation id `mairie-<INSEE code>`.
    public func townHall(organisationID: String) -> TownHall? {
        guard organisationID.hasPrefix(TownHall.organisationPrefix) else { return nil }
        return byINSEECode[String(organisationID.dropFirst(TownHall.organisationPrefix.count))]
    }

    /// The same directory with more (or corrected) town halls.
    public func adding(_ others: TownHallDirectory) -> TownHallDirectory {
        TownHallDirectory(Array(others.byINSEECode.values) + byINSEECode.values.filter { others.byINSEECode[$0.inseeCode] == nil })
    }
}

/// Opening hours of the reference data, `[[first_day, last_day, [[open, close], …]], …]`,
/// written in French: *Du lundi au vendredi : 8 h 30 – 12 h, 13 h 30 – 17 h*.
public enum OpeningHours {
    public static func describe(json: String) -> [String] {
        guard let data = json.data(using: .utf8), case .array(let entries)? = try? JSONValue.parse(data) else { return [] }
        return entries.compactMap { entry -> String? in
            guard case .array(let parts) = entry, parts.count == 3, case .string(let first) = parts[0],
                  case .string(let last) = parts[1], case .array(let ranges) = parts[2] else { return nil }
            let times = ranges.compactMap { range -> String? in
                guard case .array(let bounds) = range, bounds.count == 2, case .string(let open) = bounds[0],
                      case .string(let close) = bounds[1] else { return nil }
                return "\(time(open)) – \(time(close))"
            }
            guard !times.isEmpty else { return nil }
            let days = first == last ? first.prefix(1).uppercased() + first.dropFirst() : "Du \(first) au \(last)"
            return "\(days) : \(times.joined(separator: ", "))"
        }
    }

    /// `08:30:00` → `8 h 30`, `12:00:00` → `12 h`.
    static func time(_ text: String) -> String {
        let parts = text.split(separator: ":")
        guard parts.count >= 2, let hours = Int(parts[0]), let minutes = Int(parts[1]) else { return text }
        return minutes == 0 ? "\(hours) h" : String(format: "%d h %02d", hours, minutes)
    }
}
