import Foundation

/// A day in the calendar, without time or zone (a birth date, a move date), read from
/// the *JJ/MM/AAAA* form the interface asks for.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        let calendar = Self.calendar
        guard (1...12).contains(month), (1...31).contains(day), (1000...9999).contains(year),
              let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Parses `JJ/MM/AAAA` exactly: two digits, two digits, four digits, no spaces.
    public init?(french text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Parses `AAAA-MM-JJ` (storage form).
    public init?(iso text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day it is at `date` in metropolitan France.
    public init(_ date: Date) {
        let components = Self.calendar.dateComponents([.year, .month, .day], from: date)
        (year, month, day) = (components.year!, components.month!, components.day!)
    }

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = FrenchDate.timeZone
        return calendar
    }

    /// Adds calendar months, clamping to the month's last day (31/01 + 1 month = 28/02).
    public func adding(months: Int) -> CalendarDate {
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, 1)
        let first = Self.calendar.date(byAdding: .month, value: months, to: Self.calendar.date(from: components)!)!
        let range = Self.calendar.range(of: .day, in: .month, for: first)!
        let moved = Self.calendar.dateComponents([.year, .month], from: first)
        return CalendarDate(year: moved.year!, month: moved.month!, day: min(day, range.upperBound - 1))!
    }

    /// Adds (or with a negative count, removes) days.
    public func adding(days: Int) -> CalendarDate {
        guard days != 0 else { return self }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        let moved = Self.calendar.date(byAdding: .day, value: days, to: Self.calendar.date(from: components)!)!
        return CalendarDate(moved)
    }

    public var french: String { String(format: "%02d/%02d/%04d", day, month, year) }
    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }
    public var description: String { french }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
