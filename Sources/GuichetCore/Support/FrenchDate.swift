import Foundation

/// Dates as the French interface writes them, in metropolitan France's time zone.
public enum FrenchDate {
    public static let timeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    private static func formatter(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter
    }

    /// 23/11/2026
    public static func short(_ date: Date) -> String { formatter("dd/MM/yyyy").string(from: date) }

    /// 23/11/2026 à 17 h 05
    public static func withTime(_ date: Date) -> String {
        formatter("dd/MM/yyyy").string(from: date) + " à " + formatter("H' h 'mm").string(from: date)
    }

    /// 23 novembre 2026
    public static func long(_ date: Date) -> String {
        let components = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: date)
        let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                      "septembre", "octobre", "novembre", "décembre"]
        let day = components.day ?? 1
        return "\(day == 1 ? "1er" : String(day)) \(months[(components.month ?? 1) - 1]) \(components.year ?? 1970)"
    }
}
