/// The weekly opening hours of a public body, kept structured (not as French sentences)
/// so that the page can draw a table and say *Ouvert maintenant* from the same data.
///
/// Each period covers a range of days with one or more time ranges; a lunch break is the
/// gap between two ranges. Public holidays and exceptional closures are not modelled:
/// neither source publishes them in a usable form.
public struct OpeningSchedule: Sendable, Equatable, Codable {
    /// A day of the week, Monday first as in France.
    public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

        /// "lundi" … "dimanche", as written inside a sentence.
        public var french: String {
            ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"][rawValue - 1]
        }

        /// "Lundi" … "Dimanche", as a table heading.
        public var frenchCapitalized: String { french.prefix(1).uppercased() + french.dropFirst() }

        /// Reads a French day name in any case, with or without accents or spaces:
        /// the DILA writes "Lundi", the town-hall data "lundi".
        public init?(french text: String) {
            let names = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
            // The usual spellings without folding, which costs a locale lookup per call.
            let lower = text.lowercased()
            let key = names.contains(lower) ? lower : Text.folded(text.trimmingCharacters(in: .whitespacesAndNewlines))
            guard let index = names.firstIndex(of: key) else { return nil }
            self.init(rawValue: index + 1)
        }

        /// The day after, Sunday followed by Monday.
        public var next: Weekday { Weekday(rawValue: rawValue % 7 + 1)! }

        public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A time of day in minutes since midnight; 24:00 (1440) is allowed as a closing time.
    public struct TimeOfDay: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
        public let minutes: Int

        public init?(minutes: Int) {
            guard (0...1440).contains(minutes) else { return nil }
            self.minutes = minutes
        }

        public init?(hour: Int, minute: Int = 0) { self.init(minutes: hour * 60 + minute) }

        /// Reads `08:30:00`, `08:30`, `8:30`, `8h30` or `8 h 30`; an empty or odd text
        /// gives nil, which the readers treat as "no range".
        public init?(text: String) {
            let utf8 = Array(text.utf8)
            // The form both sources use, "08:30:00", read without splitting.
            if utf8.count == 8, utf8[2] == UInt8(ascii: ":"), utf8[5] == UInt8(ascii: ":"),
               let hour = Self.twoDigits(utf8[0], utf8[1]), let minute = Self.twoDigits(utf8[3], utf8[4]) {
                guard hour < 24 || (hour == 24 && minute == 0), minute < 60 else { return nil }
                self.init(hour: hour, minute: minute)
                return
            }
            let parts = text.lowercased().split { $0 == ":" || $0 == "h" || $0 == " " }
            guard (1...3).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
                  let hour = Int(parts[0]), (0...24).contains(hour) else { return nil }
            let minute = parts.count > 1 ? Int(parts[1]) : 0
            guard let minute, (0...59).contains(minute), hour < 24 || minute == 0 else { return nil }
            self.init(hour: hour, minute: minute)
        }

        private static func twoDigits(_ tens: UInt8, _ units: UInt8) -> Int? {
            let zero = UInt8(ascii: "0")
            guard (zero...zero + 9).contains(tens), (zero...zero + 9).contains(units) else { return nil }
            return Int(tens - zero) * 10 + Int(units - zero)
        }

        public var hour: Int { minutes / 60 }
        public var minute: Int { minutes % 60 }

        /// "8 h 30", "12 h": the French way, as `OpeningHours` writes it.
        public var french: String { minute == 0 ? "\(hour) h" : "\(hour) h \(minute < 10 ? "0" : "")\(minute)" }
        public var description: String { french }

        public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
    }

    /// From opening (included) to closing (excluded): at exactly 12 h a body that
    /// closes at 12 h is closed.
    public struct TimeRange: Sendable, Hashable, Codable {
        public let opens: TimeOfDay
        public let closes: TimeOfDay

        /// Nil for an empty or reversed range (the town-hall data has `12:30–12:30`). A
        /// closing time of 00:00 after an opening means midnight at the end of the day.
        public init?(opens: TimeOfDay, closes: TimeOfDay) {
            let end = closes.minutes == 0 && opens.minutes > 0 ? TimeOfDay(minutes: 1440)! : closes
            guard opens < end else { return nil }
            (self.opens, self.closes) = (opens, end)
        }

        public init?(opens: String, closes: String) {
            guard let open = TimeOfDay(text: opens), let close = TimeOfDay(text: closes) else { return nil }
            self.init(opens: open, closes: close)
        }

        public func contains(_ time: TimeOfDay) -> Bool { opens <= time && time < closes }

        /// "8 h 30 – 12 h"
        public var french: String { "\(opens.french) – \(closes.french)" }
    }

    /// Days from `firstDay` to `lastDay` (wrapping past Sunday: Saturday–Monday is
    /// Saturday, Sunday, Monday), open during `ranges`. `note` is the DILA `commentaire`
    /// ("Sur rendez-vous l'après-midi").
    public struct Period: Sendable, Equatable, Codable {
        public let firstDay: Weekday
        public let lastDay: Weekday
        public let ranges: [TimeRange]
        public let note: String?

        public init(firstDay: Weekday, lastDay: Weekday? = nil, ranges: [TimeRange], note: String? = nil) {
            self.firstDay = firstDay
            self.lastDay = lastDay ?? firstDay
            self.ranges = ranges.sorted { $0.opens < $1.opens }
            self.note = note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        }

        public var days: [Weekday] {
            var days = [firstDay]
            while days.count < 7, let last = days.last, last != lastDay { days.append(last.next) }
            return days
        }
    }

    public let periods: [Period]

    public init(_ periods: [Period]) {
        self.periods = periods.filter { !$0.ranges.isEmpty || $0.note != nil }
    }

    public static let empty = OpeningSchedule([])

    /// No hours known: the page says so and shows no status, rather than "Fermé".
    public var isEmpty: Bool { !periods.contains { !$0.ranges.isEmpty } }

    /// The ranges of a day, sorted, overlapping or touching ones merged (a town hall
    /// listing "lundi–vendredi 9 h – 12 h" and "mercredi 11 h – 17 h" opens 9 h – 17 h
    /// on Wednesday).
    public func ranges(on day: Weekday) -> [TimeRange] {
        let all = periods.filter { $0.days.contains(day) }.flatMap(\.ranges).sorted { $0.opens < $1.opens }
        var merged: [TimeRange] = []
        for range in all {
            if let last = merged.last, range.opens <= last.closes {
                merged[merged.count - 1] = TimeRange(opens: last.opens, closes: max(last.closes, range.closes))!
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The notes of the periods covering a day, each once.
    public func notes(on day: Weekday) -> [String] {
        var notes: [String] = []
        for note in periods.filter({ $0.days.contains(day) }).compactMap(\.note) where !notes.contains(note) { notes.append(note) }
        return notes
    }
}
