/// The official postal-code ↔ commune table (La Poste / INSEE), used to check that a
/// postal code exists and which communes it serves.
public struct PostalCodeDirectory: Sendable {
    public struct Commune: Sendable, Hashable {
        public let inseeCode: String
        public let name: String
        /// A municipal arrondissement of Paris, Lyon or Marseille (`ARM`), not a commune.
        public var isArrondissement: Bool = false

        public init(inseeCode: String, name: String, isArrondissement: Bool = false) {
            self.inseeCode = inseeCode
            self.name = name
            self.isArrondissement = isArrondissement
        }

        /// The commune a town hall serves: the city for an arrondissement, itself otherwise.
        public var municipality: (inseeCode: String, name: String) {
            guard isArrondissement else { return (inseeCode, name) }
            for city in PostalCodeDirectory.arrondissementCities where inseeCode.hasPrefix(city.prefix) {
                return (city.inseeCode, city.name)
            }
            return (inseeCode, name)
        }
    }

    /// The three cities divided into municipal arrondissements, by the prefix of their
    /// arrondissements' INSEE codes.
    static let arrondissementCities = [(prefix: "751", inseeCode: "75056", name: "Paris"),
                                       (prefix: "6938", inseeCode: "69123", name: "Lyon"),
                                       (prefix: "132", inseeCode: "13055", name: "Marseille")]

    private let communesByPostalCode: [String: [Commune]]

    public init(csv: String) {
        var table: [String: [Commune]] = [:]
        for record in CSV.records(csv) {
            guard let code = record["postal_code"], let insee = record["insee_code"],
                  let name = record["commune_name"] else { continue }
            table[code, default: []].append(Commune(inseeCode: insee, name: name, isArrondissement: record["commune_type"] == "ARM"))
        }
        communesByPostalCode = table
    }

    public var count: Int { communesByPostalCode.count }

    public func contains(postalCode: String) -> Bool {
        communesByPostalCode[postalCode] != nil
    }

    public func communes(postalCode: String) -> [Commune] {
        communesByPostalCode[postalCode] ?? []
    }
}
