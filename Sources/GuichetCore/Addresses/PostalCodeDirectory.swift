/// The official postal-code ↔ commune table (La Poste / INSEE), used to check that a
/// postal code exists and which communes it serves.
public struct PostalCodeDirectory: Sendable {
    public struct Commune: Sendable, Hashable {
        public let inseeCode: String
        public let name: String
    }

    private let communesByPostalCode: [String: [Commune]]

    public init(csv: String) {
        var table: [String: [Commune]] = [:]
        for record in CSV.records(csv) {
            guard let code = record["postal_code"], let insee = record["insee_code"],
                  let name = record["commune_name"] else { continue }
            table[code, default: []].append(Commune(inseeCode: insee, name: name))
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
