import Foundation

extension OpeningSchedule {
    /// One line of the opening-hours table of a body's page.
    public struct Row: Sendable, Equatable {
        public let day: Weekday
        public let ranges: [TimeRange]
        /// "8 h 30 – 12 h, 13 h 30 – 17 h"; "Fermé" on a day without hours; the note
        /// itself on a day that only has one ("Sur rendez-vous").
        public let hours: String
        /// Notes to show under the hours (not repeated when they are the hours).
        public let notes: [String]

        /// "Lundi"
        public var dayName: String { day.frenchCapitalized }
        public var isOpen: Bool { !ranges.isEmpty }
    }

    /// The seven days, Monday first, for a table that reads the same every week; empty
    /// when nothing is known, so that the page says "Horaires non communiqués" rather
    /// than "Fermé" seven times.
    public var rows: [Row] {
        guard !periods.isEmpty else { return [] }
        return Weekday.allCases.map { day in
            let ranges = ranges(on: day)
            var notes = notes(on: day)
            let hours: String
            if !ranges.isEmpty {
                hours = ranges.map(\.french).joined(separator: ", ")
            } else if !notes.isEmpty {
                hours = notes.joined(separator: " ; ")
                notes = []
            } else {
                hours = "Fermé"
            }
            return Row(day: day, ranges: ranges, hours: hours, notes: notes)
        }
    }

    /// The week in sentences, consecutive days with the same hours together: *Du lundi au
    /// vendredi : 8 h 30 – 12 h, 13 h 30 – 17 h*, *Samedi : 9 h – 12 h*. The form of
    /// `OpeningHours.describe`, for `Contacts.hours` and plain-text mail.
    public var summary: [String] {
        var lines: [String] = []
        var run: [Row] = []
        func flush() {
            guard let first = run.first, let last = run.last, first.isOpen else { run = []; return }
            let days = run.count == 1 ? first.dayName : run.count == 2 ? "\(first.dayName) et \(last.day.french)"
                : "Du \(first.day.french) au \(last.day.french)"
            lines.append("\(days) : \(first.hours)")
            run = []
        }
        for row in rows {
            if let previous = run.last, previous.hours != row.hours || previous.notes != row.notes { flush() }
            run.append(row)
        }
        flush()
        return lines
    }
}

extension OpeningSchedule {
    /// Reads the town-hall reference data, `[[first_day, last_day, [[open, close], …]], …]`
    /// with lower-case day names. Its quirks: an empty last day means the first day alone,
    /// and empty ranges (`12:30–12:30`) appear and are dropped.
    public init(townHallJSON json: String) {
        guard let data = json.data(using: .utf8), case .array(let entries)? = try? JSONValue.parseQuickly(data) else {
            self = .empty
            return
        }
        self.init(entries.compactMap { entry -> Period? in
            guard case .array(let parts) = entry, parts.count == 3, case .string(let first) = parts[0],
                  let firstDay = Weekday(french: first), case .array(let times) = parts[2] else { return nil }
            let lastDay: Weekday? = if case .string(let last) = parts[1] { Weekday(french: last) } else { nil }
            let ranges = times.compactMap { range -> TimeRange? in
                guard case .array(let bounds) = range, bounds.count == 2, case .string(let open) = bounds[0],
                      case .string(let close) = bounds[1] else { return nil }
                return TimeRange(opens: open, closes: close)
            }
            return Period(firstDay: firstDay, lastDay: lastDay, ranges: ranges)
        })
    }
}
