import Foundation

extension PublicBody {
    /// A town hall of the reference data as a directory body, with the id its
    /// `Organisation` has (`mairie-<INSEE code>`), so that a dossier's town hall and its
    /// directory page are the same thing. The postal code and commune come from the last
    /// address line ("01400 L'Abergement-Clémenciat"), the commune's name otherwise.
    public init(townHall: TownHall, openingHoursJSON: String? = nil) {
        let contacts = townHall.contacts
        let locality = contacts.address.last.flatMap(DILAAddress.locality(in:))
        self.init(id: TownHall.organisationPrefix + townHall.inseeCode, name: townHall.name, kinds: ["mairie"],
                  inseeCode: townHall.inseeCode, address: contacts.address,
                  postalCode: locality?.postalCode,
                  commune: locality.map { DILAAddress.withoutCedex($0.commune) } ?? townHall.communeName,
                  phones: contacts.phone.map { [Phone(number: $0, description: contacts.phoneNote)] } ?? [],
                  emails: contacts.email.map { [$0] } ?? [],
                  websites: contacts.website.flatMap(DILARecord.webAddress).map { [Website(url: $0)] } ?? [],
                  schedule: openingHoursJSON.map(OpeningSchedule.init(townHallJSON:)) ?? .empty)
    }

    /// The town halls of a `town-halls.csv` file as bodies, opening hours included (the
    /// `TownHall` type keeps them only as sentences). Reads the columns as
    /// `TownHallDirectory` does, but parses the hours once, with the quick parser.
    public static func townHalls(csv: String) -> [PublicBody] {
        CSV.records(csv).compactMap { record in
            guard let insee = record["insee_code"], !insee.isEmpty, let name = record["commune_name"] else { return nil }
            func value(_ key: String) -> String? {
                guard let text = record[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
                return text
            }
            let schedule = OpeningSchedule(townHallJSON: value("opening_hours_json") ?? "")
            let address = (value("address") ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let contacts = Contacts(address: address, phone: value("phone"), email: value("email"), website: value("website"),
                                    hours: schedule.summary)
            var body = PublicBody(townHall: TownHall(inseeCode: insee, communeName: name, contacts: contacts))
            body.schedule = schedule
            return body
        }
    }
}

extension ReferenceData {
    /// The directory shipped with Guichet before any import: the town halls (the
    /// supplement replacing the main file's entry of the same commune) and the sample of
    /// other bodies. Loaded on first use and kept; about 35,000 bodies.
    public static let defaultDirectory: [PublicBody] = loadDefaultDirectory()

    /// The same, read afresh and not kept: what the database is loaded from, so that the
    /// server does not hold 35,000 bodies in memory once they are in the database.
    public static func loadDefaultDirectory() -> [PublicBody] {
        let supplement = PublicBody.townHalls(csv: text("town-halls-supplement.csv"))
        let replaced = Set(supplement.map(\.id))
        return PublicBody.townHalls(csv: text("town-halls.csv")).filter { !replaced.contains($0.id) } + supplement + directorySample
    }

    /// `directory-sample.json`: a few CAF, CPAM, préfectures, sous-préfectures and centres
    /// des finances publiques, written by the Guichet project in the DILA export format
    /// (ids prefixed `exemple-`), so that the directory shows more than town halls out of
    /// the box and the import path is exercised on every start. Not DILA data: addresses
    /// and hours are illustrative, to be replaced by a real import.
    public static let directorySample: [PublicBody] = {
        var bodies: [PublicBody] = []
        do {
            try DILAExportReader(url: directorySampleURL).forEach { result in
                if case .success(let body) = result { bodies.append(body) }
            }
        } catch {
            fatalError("directory-sample.json does not read: \(error)")
        }
        return bodies
    }()

    /// Where `directory-sample.json` is, for a database seeded through the same import
    /// path as a real export.
    public static var directorySampleURL: URL {
        guard let url = Bundle.module.url(forResource: "directory-sample.json", withExtension: nil, subdirectory: "Resources") else {
            fatalError("Reference data directory-sample.json is missing from the GuichetCore resources")
        }
        return url
    }

    /// Changes when a release ships other town halls or another sample: the database
    /// loads the shipped directory again (FNV-1a over the files, enough to tell versions
    /// apart; nothing depends on it being secret).
    public static let defaultDirectoryFingerprint: String = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in ["town-halls.csv", "town-halls-supplement.csv", "directory-sample.json"] {
            let data = name.hasSuffix(".json") ? ((try? Data(contentsOf: directorySampleURL)) ?? Data()) : Data(text(name).utf8)
            for byte in data {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }()

    /// The id prefix of the sample's bodies, which a real import may remove.
    public static let directorySamplePrefix = "exemple-"
}
