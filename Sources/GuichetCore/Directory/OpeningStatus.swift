import Foundation

/// Whether a body is open at a given moment, as the top of its page says it: computed on
/// the server with the injected clock, so that the page needs no JavaScript and tests can
/// choose the moment.
public enum OpeningStatus: Sendable, Equatable {
    /// Open now, until the end of the current range (a lunch break ends it).
    case openNow(until: OpeningSchedule.TimeOfDay)
    /// Closed now, opens again later today (after lunch, or in the morning).
    case opensLater(today: OpeningSchedule.TimeOfDay)
    /// Closed for today; `daysAhead` is 1 for tomorrow, up to 7 (same day next week).
    case opensOn(day: OpeningSchedule.Weekday, at: OpeningSchedule.TimeOfDay, daysAhead: Int)
    /// No opening in the coming week. The weekly hours the sources publish always open
    /// within a week when they have any, so `status` gives this only once exceptional
    /// closures are modelled; the case is here so that pages already handle it.
    case closed

    public var isOpen: Bool { if case .openNow = self { true } else { false } }

    /// The first words of the status line: *Ouvert maintenant* or *Fermé*, followed on
    /// the page by `detail` or, when closed, by `text` (*Fermé · Ouvre à 14 h*).
    public var headline: String { isOpen ? "Ouvert maintenant" : "Fermé" }

    /// The status in a few words: *Ouvert maintenant*, *Fermé*, *Ouvre à 14 h*,
    /// *Ouvre demain à 9 h*, *Ouvre lundi à 8 h 30*, *Ouvre lundi prochain à 9 h*.
    public var text: String {
        switch self {
        case .openNow: "Ouvert maintenant"
        case .closed: "Fermé"
        case .opensLater(let time): "Ouvre à \(time.french)"
        case .opensOn(let day, let time, let daysAhead):
            switch daysAhead {
            case 1: "Ouvre demain à \(time.french)"
            case 7: "Ouvre \(day.french) prochain à \(time.french)"
            default: "Ouvre \(day.french) à \(time.french)"
            }
        }
    }

    /// What follows *Ouvert maintenant*: *jusqu'à 12 h* (*jusqu'à minuit* at 24 h).
    public var detail: String? {
        guard case .openNow(let until) = self else { return nil }
        return until.minutes == 1440 ? "jusqu'à minuit" : "jusqu'à \(until.french)"
    }
}

extension OpeningSchedule {
    /// The status at `date` on the wall clock of `timeZone` (metropolitan France unless
    /// the body is overseas, see `PublicBody.timeZone`); nil when no hours are known, so
    /// that the page shows nothing rather than a wrong *Fermé*.
    public func status(at date: Date, in timeZone: TimeZone = FrenchDate.timeZone) -> OpeningStatus? {
        guard !isEmpty else { return nil }
        let (today, now) = Self.wallClock(date, in: timeZone)
        let todays = ranges(on: today)
        if let current = todays.first(where: { $0.contains(now) }) {
            return .openNow(until: current.closes)
        }
        if let later = todays.first(where: { $0.opens > now }) { return .opensLater(today: later.opens) }
        var day = today
        for daysAhead in 1...7 {
            day = day.next
            if let first = ranges(on: day).first { return .opensOn(day: day, at: first.opens, daysAhead: daysAhead) }
        }
        return .closed
    }

    /// The day of the week and the time of day a wall clock in `timeZone` shows at `date`.
    static func wallClock(_ date: Date, in timeZone: TimeZone) -> (Weekday, TimeOfDay) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        // Foundation counts Sunday as 1.
        let weekday = Weekday(rawValue: ((components.weekday ?? 2) + 5) % 7 + 1)!
        return (weekday, TimeOfDay(hour: components.hour ?? 0, minute: components.minute ?? 0)!)
    }
}
