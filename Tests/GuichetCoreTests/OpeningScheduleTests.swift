import Foundation
import GuichetCore
import Testing

/// A moment given in UTC, so that the tests show the Paris offset being applied
/// (UTC+1 in winter, UTC+2 in summer) rather than assuming it.
private func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
}

private typealias Schedule = OpeningSchedule
private func time(_ hour: Int, _ minute: Int = 0) -> Schedule.TimeOfDay { Schedule.TimeOfDay(hour: hour, minute: minute)! }
private func range(_ opens: String, _ closes: String) -> Schedule.TimeRange { Schedule.TimeRange(opens: opens, closes: closes)! }

/// Monday to Friday 8 h 30 – 12 h and 13 h 30 – 17 h, a lunch break in between.
private let weekdays = Schedule([Schedule.Period(firstDay: .monday, lastDay: .friday,
                                                 ranges: [range("13:30:00", "17:00:00"), range("08:30:00", "12:00:00")])])

@Suite struct OpeningStatusTests {
    // 13 January 2025 is a Monday, in winter time (Paris = UTC+1).
    @Test func beforeOpeningItOpensLaterToday() {
        let clock = ManualClock(utc(2025, 1, 13, 6, 0)) // 7 h in Paris
        let status = weekdays.status(at: clock.now())
        #expect(status == .opensLater(today: time(8, 30)))
        #expect(status?.text == "Ouvre à 8 h 30")
        #expect(status?.headline == "Fermé")
    }

    @Test func exactlyAtOpeningItIsOpenUntilLunch() {
        let status = weekdays.status(at: utc(2025, 1, 13, 7, 30)) // 8 h 30
        #expect(status == .openNow(until: time(12)))
        #expect(status?.text == "Ouvert maintenant")
        #expect(status?.detail == "jusqu'à 12 h")
        #expect(status?.isOpen == true)
    }

    @Test func exactlyAtClosingItIsClosed() {
        #expect(weekdays.status(at: utc(2025, 1, 13, 10, 59))?.isOpen == true) // 11 h 59
        let lunch = weekdays.status(at: utc(2025, 1, 13, 11, 0)) // 12 h
        #expect(lunch == .opensLater(today: time(13, 30)))
        #expect(lunch?.text == "Ouvre à 13 h 30")
        #expect(weekdays.status(at: utc(2025, 1, 13, 12, 30)) == .openNow(until: time(17))) // 13 h 30
    }

    @Test func duringTheLunchBreakItOpensAtTwo() {
        let schedule = Schedule([Schedule.Period(firstDay: .monday, lastDay: .friday,
                                                 ranges: [range("09:00", "12:00"), range("14:00", "17:00")])])
        let clock = ManualClock(utc(2025, 7, 8, 11, 15)) // Tuesday 13 h 15 in summer (UTC+2)
        #expect(schedule.status(at: clock.now())?.text == "Ouvre à 14 h")
        clock.advance(by: 45 * 60) // 14 h
        #expect(schedule.status(at: clock.now()) == .openNow(until: time(17)))
    }

    @Test func afterClosingOnFridayItOpensOnMonday() {
        let status = weekdays.status(at: utc(2025, 1, 17, 16, 0)) // Friday 17 h
        #expect(status == .opensOn(day: .monday, at: time(8, 30), daysAhead: 3))
        #expect(status?.text == "Ouvre lundi à 8 h 30")
        #expect(weekdays.status(at: utc(2025, 1, 18, 10, 0))?.text == "Ouvre lundi à 8 h 30") // Saturday
    }

    @Test func afterClosingOnThursdayItOpensTomorrow() {
        let status = weekdays.status(at: utc(2025, 7, 10, 18, 0)) // Thursday 20 h in summer
        #expect(status?.text == "Ouvre demain à 8 h 30")
    }

    @Test func summerAndWinterTimeBothUseTheParisWallClock() {
        // 6 h 30 UTC is 7 h 30 on Friday 28 March (winter) and 8 h 30 on Monday 31 March,
        // the day after the change to summer time.
        #expect(weekdays.status(at: utc(2025, 3, 28, 6, 30)) == .opensLater(today: time(8, 30)))
        #expect(weekdays.status(at: utc(2025, 3, 31, 6, 30)) == .openNow(until: time(12)))
        // And back to winter time: 16 h 30 UTC is 17 h 30 on Monday 27 October, after closing.
        #expect(weekdays.status(at: utc(2025, 10, 27, 16, 30))?.text == "Ouvre demain à 8 h 30")
    }

    @Test func saturdayMorningOnly() {
        let schedule = Schedule([Schedule.Period(firstDay: .saturday, ranges: [range("09:00:00", "12:00:00")])])
        #expect(schedule.status(at: utc(2025, 1, 18, 9, 0)) == .openNow(until: time(12))) // Saturday 10 h
        #expect(schedule.status(at: utc(2025, 1, 18, 11, 0))?.text == "Ouvre samedi prochain à 9 h") // Saturday 12 h
        #expect(schedule.status(at: utc(2025, 1, 17, 9, 0))?.text == "Ouvre demain à 9 h") // Friday
        #expect(schedule.status(at: utc(2025, 1, 13, 9, 0))?.text == "Ouvre samedi à 9 h") // Monday
    }

    @Test func noHoursGiveNoStatus() {
        #expect(Schedule.empty.status(at: utc(2025, 1, 13, 9)) == nil)
        let appointmentsOnly = Schedule([Schedule.Period(firstDay: .monday, ranges: [], note: "Sur rendez-vous")])
        #expect(appointmentsOnly.isEmpty)
        #expect(appointmentsOnly.status(at: utc(2025, 1, 13, 9)) == nil)
    }

    @Test func anOverseasBodyUsesItsOwnClock() {
        let body = PublicBody(id: "p972", name: "Préfecture de la Martinique", postalCode: "97200",
                              schedule: Schedule([Schedule.Period(firstDay: .monday, lastDay: .thursday,
                                                                  ranges: [range("07:30", "12:30"), range("14:00", "16:00")])]))
        let noonUTC = utc(2025, 1, 13, 12, 0) // 8 h in Fort-de-France, 13 h in Paris
        #expect(body.status(at: noonUTC) == .openNow(until: time(12, 30)))
        #expect(body.schedule.status(at: noonUTC) == .opensLater(today: time(14)))
        #expect(PublicBody(id: "x", name: "Ajaccio", postalCode: "20000").timeZone == FrenchDate.timeZone)
    }
}

@Suite struct OpeningScheduleTests {
    @Test func aDayRangeCoversEveryDayInIt() {
        #expect(Schedule.Period(firstDay: .monday, lastDay: .friday, ranges: []).days == [.monday, .tuesday, .wednesday, .thursday, .friday])
        #expect(Schedule.Period(firstDay: .saturday, lastDay: .monday, ranges: []).days == [.saturday, .sunday, .monday])
        #expect(Schedule.Period(firstDay: .wednesday, ranges: []).days == [.wednesday])
    }

    @Test func theTableHasSevenRowsWithClosedDays() {
        let rows = weekdays.rows
        #expect(rows.count == 7)
        #expect(rows[0].dayName == "Lundi" && rows[0].hours == "8 h 30 – 12 h, 13 h 30 – 17 h")
        #expect(rows[5].dayName == "Samedi" && rows[5].hours == "Fermé" && !rows[5].isOpen)
        #expect(Schedule.empty.rows.isEmpty)
    }

    @Test func notesShowUnderTheHoursOrInsteadOfThem() {
        let schedule = Schedule([
            Schedule.Period(firstDay: .monday, lastDay: .friday, ranges: [range("08:45", "12:00")], note: "L'après-midi sur rendez-vous"),
            Schedule.Period(firstDay: .saturday, ranges: [], note: "Sur rendez-vous"),
        ])
        #expect(schedule.rows[0].hours == "8 h 45 – 12 h" && schedule.rows[0].notes == ["L'après-midi sur rendez-vous"])
        #expect(schedule.rows[5].hours == "Sur rendez-vous" && schedule.rows[5].notes.isEmpty)
    }

    @Test func theSummaryGroupsDaysWithTheSameHours() {
        let schedule = Schedule([
            Schedule.Period(firstDay: .monday, lastDay: .friday, ranges: [range("08:30", "12:00"), range("13:30", "16:30")]),
            Schedule.Period(firstDay: .saturday, ranges: [range("09:00", "12:00")]),
        ])
        #expect(schedule.summary == ["Du lundi au vendredi : 8 h 30 – 12 h, 13 h 30 – 16 h 30", "Samedi : 9 h – 12 h"])
        let twoDays = Schedule([Schedule.Period(firstDay: .tuesday, lastDay: .wednesday, ranges: [range("14:00", "18:00")])])
        #expect(twoDays.summary == ["Mardi et mercredi : 14 h – 18 h"])
    }

    @Test func overlappingPeriodsAreMergedForTheDay() {
        let schedule = Schedule([
            Schedule.Period(firstDay: .monday, lastDay: .friday, ranges: [range("09:00", "12:00")]),
            Schedule.Period(firstDay: .wednesday, ranges: [range("11:00", "17:00")]),
        ])
        #expect(schedule.ranges(on: .wednesday) == [range("09:00", "17:00")])
        #expect(schedule.ranges(on: .tuesday) == [range("09:00", "12:00")])
    }

    @Test func timesAreReadInTheirUsualSpellings() {
        #expect(Schedule.TimeOfDay(text: "08:30:00") == time(8, 30))
        #expect(Schedule.TimeOfDay(text: "8h30") == time(8, 30))
        #expect(Schedule.TimeOfDay(text: "14:00") == time(14))
        #expect(Schedule.TimeOfDay(text: "") == nil && Schedule.TimeOfDay(text: "25:00") == nil && Schedule.TimeOfDay(text: "midi") == nil)
        #expect(time(9, 5).french == "9 h 05" && time(12).french == "12 h")
        #expect(Schedule.TimeRange(opens: "12:30:00", closes: "12:30:00") == nil)
        #expect(Schedule.TimeRange(opens: "18:00", closes: "00:00")?.closes.minutes == 1440)
        #expect(Schedule.Weekday(french: "Lundi") == .monday && Schedule.Weekday(french: " DIMANCHE ") == .sunday)
    }

    @Test func townHallHoursAreReadWithTheirQuirks() {
        // As in town-halls.csv: an empty last day means the first day alone; empty ranges.
        let schedule = Schedule(townHallJSON: """
            [["mardi","",[["14:00:00","18:00:00"]]],["lundi","vendredi",[["09:00:00","12:30:00"],["12:30:00","12:30:00"]]]]
            """)
        #expect(schedule.ranges(on: .tuesday) == [range("09:00", "12:30"), range("14:00", "18:00")])
        #expect(schedule.ranges(on: .wednesday) == [range("09:00", "12:30")])
        #expect(Schedule(townHallJSON: "not json").isEmpty && Schedule(townHallJSON: "").isEmpty)
    }
}
