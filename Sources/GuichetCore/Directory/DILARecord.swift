import Foundation

/// One element of the `service` array of the DILA *Base de données locales* export, read
/// as a `PublicBody`.
///
/// The fields used, and what the export really holds:
/// - `id` (the key: a re-import updates the body of the same id), `nom`;
/// - `pivot[]`: `{type_service_local: "mairie", code_insee_commune: ["01001"]}`, the kinds;
/// - `code_insee_commune`: a string (the first pivot's code when empty);
/// - `adresse[]`: objects with `type_adresse` ("Adresse" where people go, "Adresse
///   postale" where mail goes), `complement1`, `complement2`, `numero_voie` (the street
///   line), `service_distribution` (BP, CS), `code_postal`, `nom_commune`, `pays`,
///   `continent`, `longitude`, `latitude`;
/// - `telephone[]`: `{valeur, description}`; `adresse_courriel[]`: strings;
///   `site_internet[]`: `{valeur, libelle}`;
/// - `plage_ouverture[]`: `nom_jour_debut`, `nom_jour_fin` (capitalised French days,
///   "Lundi" … "Dimanche"), `valeur_heure_debut_1`, `valeur_heure_fin_1`,
///   `valeur_heure_debut_2`, `valeur_heure_fin_2` ("08:30:00", or ""), `commentaire`;
/// - `date_modification`: "29/01/2024 15:39:32" (Paris time), ISO 8601 accepted too.
///
/// Its quirks, all tolerated: `""` where null is meant; a plain string where a list is
/// expected (`"adresse_courriel": "accueil@…"`, `"telephone": "3230"`); a list or an
/// object encoded as JSON inside a string (`"adresse": "[{\"type_adresse\": …}]"`);
/// numbers where strings are expected. Only a missing `id` or `nom` rejects a record.
public enum DILARecord {
    public static func publicBody(from value: JSONValue) -> Result<PublicBody, DILARecordRejection.Reason> {
        guard case .object(let fields, _) = value else { return .failure(.notAnObject) }
        guard let id = string(fields["id"]) else { return .failure(.missingID) }
        guard let name = string(fields["nom"]) else { return .failure(.missingName) }

        let pivots = list(fields["pivot"])
        var kinds: [String] = []
        for pivot in pivots {
            let slug = string(object(pivot)?["type_service_local"] ?? pivot)?.lowercased()
            if let slug, !kinds.contains(slug) { kinds.append(slug) }
        }
        let pivotINSEE = pivots.lazy.compactMap { object($0).flatMap { list($0["code_insee_commune"]).lazy.compactMap(string).first } }.first
        let addresses = DILAAddress.read(list(fields["adresse"]))
        let place = addresses.visit ?? addresses.postal

        var phones: [PublicBody.Phone] = []
        for entry in list(fields["telephone"]) {
            guard let number = string(object(entry)?["valeur"] ?? entry), !phones.contains(where: { $0.number == number }) else { continue }
            phones.append(PublicBody.Phone(number: number, description: object(entry).flatMap { string($0["description"]) }))
        }
        var emails: [String] = []
        for entry in list(fields["adresse_courriel"]) {
            guard let email = string(object(entry)?["valeur"] ?? entry).flatMap(EmailAddress.init)?.value,
                  !emails.contains(email) else { continue }
            emails.append(email)
        }
        var websites: [PublicBody.Website] = []
        for entry in list(fields["site_internet"]) {
            guard let url = string(object(entry)?["valeur"] ?? entry).flatMap(webAddress),
                  !websites.contains(where: { $0.url == url }) else { continue }
            websites.append(PublicBody.Website(url: url, label: object(entry).flatMap { string($0["libelle"]) }))
        }

        return .success(PublicBody(
            id: id, name: name, kinds: kinds,
            inseeCode: list(fields["code_insee_commune"]).lazy.compactMap(string).first ?? pivotINSEE,
            address: addresses.visit?.lines ?? [], postalAddress: addresses.postal?.lines ?? [],
            postalCode: place?.postalCode, commune: place?.commune, phones: phones, emails: emails, websites: websites,
            schedule: schedule(list(fields["plage_ouverture"])), modifiedAt: string(fields["date_modification"]).flatMap(date)))
    }

    /// The opening hours of `plage_ouverture[]`. An entry without a readable first day is
    /// left out; an empty last day means the first day alone.
    static func schedule(_ entries: [JSONValue]) -> OpeningSchedule {
        OpeningSchedule(entries.compactMap { entry -> OpeningSchedule.Period? in
            guard let fields = object(entry), let first = string(fields["nom_jour_debut"]).flatMap(OpeningSchedule.Weekday.init(french:))
            else { return nil }
            let ranges = (1...4).compactMap { index -> OpeningSchedule.TimeRange? in
                guard let opens = string(fields["valeur_heure_debut_\(index)"]),
                      let closes = string(fields["valeur_heure_fin_\(index)"]) else { return nil }
                return OpeningSchedule.TimeRange(opens: opens, closes: closes)
            }
            return OpeningSchedule.Period(firstDay: first, lastDay: string(fields["nom_jour_fin"]).flatMap(OpeningSchedule.Weekday.init(french:)),
                                          ranges: ranges, note: string(fields["commentaire"]))
        })
    }

    // MARK: Tolerant readers

    /// A list however the export spells it: a list; nothing for null or `""`; the list or
    /// object inside a string of JSON; a one-element list for any other value.
    static func list(_ value: JSONValue?) -> [JSONValue] {
        switch value {
        case nil, .null?: return []
        case .array(let items)?: return items
        case .string(let text)?:
            let trimmed = trimmed(text)
            if trimmed.isEmpty { return [] }
            if trimmed.hasPrefix("[") || trimmed.hasPrefix("{"), let inner = try? JSONValue.parseQuickly(Data(trimmed.utf8)) {
                if case .string = inner { return [] }
                return list(inner)
            }
            return [.string(trimmed)]
        case let other?: return [other]
        }
    }

    /// A non-empty trimmed string from a string, a number (`12345` → "12345") or a
    /// one-element list; nil for null, `""` and anything else.
    static func string(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?:
            let trimmed = trimmed(text)
            return trimmed.isEmpty ? nil : trimmed
        case .number(let number)?:
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .array(let items)? where items.count == 1:
            return string(items[0])
        default:
            return nil
        }
    }

    /// The text without surrounding whitespace; most values have none, and checking the
    /// ends first spares Foundation's slower trimming on every field of every record.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        let spaces = CharacterSet.whitespacesAndNewlines
        guard spaces.contains(first) || spaces.contains(last) else { return text }
        return text.trimmingCharacters(in: spaces)
    }

    /// The fields of an object, or of an object written as JSON inside a string.
    static func object(_ value: JSONValue) -> [String: JSONValue]? {
        if case .object(let fields, _) = value { return fields }
        if case .string = value, let first = list(value).first, case .object(let fields, _) = first { return fields }
        return nil
    }

    /// A web address safe to put in a link: http(s) as given, a bare domain
    /// ("www.caf.fr") with https; anything else (`javascript:`, text) dropped.
    static func webAddress(_ text: String) -> String? {
        let lower = text.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            return text.contains(where: \.isWhitespace) ? nil : text
        }
        guard !text.contains(where: { $0.isWhitespace || $0 == ":" || $0 == "@" }), text.contains("."),
              let first = text.first, first.isLetter || first.isNumber else { return nil }
        return "https://" + text
    }

    /// "29/01/2024 15:39:32" (Paris time), "2024-01-29", "2024-01-29T15:39:32".
    static func date(_ text: String) -> Date? {
        let numbers = text.split { !$0.isNumber }.prefix(6).compactMap { Int($0) }
        guard numbers.count >= 3 else { return nil }
        var components = DateComponents()
        if String(text.split { !$0.isNumber }.first ?? "").count == 4 {
            (components.year, components.month, components.day) = (numbers[0], numbers[1], numbers[2])
        } else {
            (components.day, components.month, components.year) = (numbers[0], numbers[1], numbers[2])
        }
        if numbers.count >= 5 { (components.hour, components.minute) = (numbers[3], numbers[4]) }
        if numbers.count >= 6 { components.second = numbers[5] }
        guard let month = components.month, (1...12).contains(month), let day = components.day, (1...31).contains(day) else { return nil }
        return parisCalendar.date(from: components)
    }

    private static let parisCalendar = CalendarDate.calendar
}
