/// The move date of a change-of-address declaration (SPEC §5). Organisations accept the
/// declaration from three months before the move to one month after it, so the date must
/// lie between today minus one month and today plus three months, both included, in
/// calendar months (31 March − 1 month = 28 or 29 February) and in Paris days.
public enum MoveDate {
    /// Why a typed move date is refused; each case names its rule.
    public enum Refusal: Error, Sendable, Hashable {
        case missing
        /// Not `JJ/MM/AAAA` (`1/2/2026`, `2026-02-01`).
        case badFormat
        /// Spaces inside or around the date (`01 /02/2026`).
        case containsSpaces
        /// The right shape, but no such day (`31/02/2026`).
        case noSuchDate
        /// More than a month ago: too late to declare.
        case tooOld(earliest: CalendarDate)
        /// More than three months ahead: too early to declare.
        case tooFarAhead(latest: CalendarDate)

        /// The message shown next to the field, in French.
        public var message: String {
            switch self {
            case .missing:
                "Saisissez la date de votre emménagement, au format JJ/MM/AAAA."
            case .badFormat:
                "Saisissez la date au format JJ/MM/AAAA, par exemple 14/07/2026 : deux chiffres pour le jour et le mois, quatre pour l'année."
            case .containsSpaces:
                "La date ne doit pas contenir d'espace : saisissez-la au format JJ/MM/AAAA, par exemple 14/07/2026."
            case .noSuchDate:
                "Cette date n'existe pas : vérifiez le jour et le mois."
            case .tooOld(let earliest):
                "La date d'emménagement doit être le \(earliest.french) ou après : un changement d'adresse se déclare au plus tard un mois après le déménagement."
            case .tooFarAhead(let latest):
                "La date d'emménagement doit être le \(latest.french) ou avant : un changement d'adresse se déclare au plus tôt trois mois avant le déménagement."
            }
        }
    }

    /// The accepted move dates on `today`: [today − 1 month, today + 3 months].
    public static func window(today: CalendarDate) -> ClosedRange<CalendarDate> {
        today.adding(months: -1)...today.adding(months: 3)
    }

    /// Reads and checks a typed move date against `today` (`CalendarDate(clock.now())`,
    /// the day in Europe/Paris).
    public static func check(_ typed: String, today: CalendarDate) -> Result<CalendarDate, Refusal> {
        guard !typed.isEmpty else { return .failure(.missing) }
        if typed.contains(where: \.isWhitespace) {
            return .failure(typed.allSatisfy(\.isWhitespace) ? .missing : .containsSpaces)
        }
        guard let date = CalendarDate(french: typed) else {
            let shaped = typed.split(separator: "/", omittingEmptySubsequences: false).map(\.count) == [2, 2, 4]
                && typed.allSatisfy { $0 == "/" || ($0.isASCII && $0.isNumber) }
            return .failure(shaped ? .noSuchDate : .badFormat)
        }
        let window = window(today: today)
        if date < window.lowerBound { return .failure(.tooOld(earliest: window.lowerBound)) }
        if date > window.upperBound { return .failure(.tooFarAhead(latest: window.upperBound)) }
        return .success(date)
    }

    /// The same check on the clock's current Paris day.
    public static func check(_ typed: String, clock: any WallClock) -> Result<CalendarDate, Refusal> {
        check(typed, today: CalendarDate(clock.now()))
    }
}
