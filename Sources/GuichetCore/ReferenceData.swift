import Foundation

/// The open reference data shipped with Guichet (see `NOTICE`), loaded once per process.
public enum ReferenceData {
    /// Postal codes and the communes they serve (La Poste / INSEE, Licence Ouverte 2.0).
    public static let postalCodes: PostalCodeDirectory = PostalCodeDirectory(csv: text("postal-codes.csv"))

    /// The town halls (DILA, Licence Ouverte 2.0), completed by our own supplement for the
    /// communes the export leaves out (Paris).
    public static let townHalls: TownHallDirectory = TownHallDirectory(csv: text("town-halls.csv"))
        .adding(TownHallDirectory(csv: text("town-halls-supplement.csv")))

    /// The 30,000 most common passwords (zxcvbn lists), in lower case.
    public static let commonPasswords: Set<String> = Set(
        text("common-passwords.txt").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    )

    static func text(_ name: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources"),
              let data = try? Data(contentsOf: url) else {
            fatalError("Reference data \(name) is missing from the GuichetCore resources")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
