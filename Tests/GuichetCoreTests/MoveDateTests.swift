import Foundation
import GuichetCore
import Testing

@Suite struct MoveDateTests {
    private func day(_ text: String) -> CalendarDate { CalendarDate(french: text)! }

    private func accepted(_ typed: String, on today: String) -> Bool {
        (try? MoveDate.check(typed, today: day(today)).get()) == day(typed)
    }

    private func refusal(_ typed: String, on today: String) -> MoveDate.Refusal? {
        guard case .failure(let refusal) = MoveDate.check(typed, today: day(today)) else { return nil }
        return refusal
    }

    @Test func theWindowRunsFromOneMonthBeforeToThreeMonthsAfterToday() {
        #expect(MoveDate.window(today: day("15/06/2026")) == day("15/05/2026")...day("15/09/2026"))
        #expect(accepted("15/05/2026", on: "15/06/2026"))
        #expect(accepted("15/06/2026", on: "15/06/2026"))
        #expect(accepted("15/09/2026", on: "15/06/2026"))
        #expect(refusal("14/05/2026", on: "15/06/2026") == .tooOld(earliest: day("15/05/2026")))
        #expect(refusal("16/09/2026", on: "15/06/2026") == .tooFarAhead(latest: day("15/09/2026")))
    }

    @Test func monthEndsAreClamped() {
        // 31 March − 1 month: 28 February, or 29 in a leap year.
        #expect(MoveDate.window(today: day("31/03/2026")).lowerBound == day("28/02/2026"))
        #expect(accepted("28/02/2026", on: "31/03/2026"))
        #expect(refusal("27/02/2026", on: "31/03/2026") == .tooOld(earliest: day("28/02/2026")))
        #expect(MoveDate.window(today: day("31/03/2028")).lowerBound == day("29/02/2028"))
        #expect(accepted("29/02/2028", on: "31/03/2028"))
        #expect(refusal("28/02/2028", on: "31/03/2028") == .tooOld(earliest: day("29/02/2028")))
        // 30 November + 3 months: 28 February, or 29 in a leap year.
        #expect(MoveDate.window(today: day("30/11/2026")).upperBound == day("28/02/2027"))
        #expect(refusal("01/03/2027", on: "30/11/2026") == .tooFarAhead(latest: day("28/02/2027")))
        #expect(MoveDate.window(today: day("30/11/2027")).upperBound == day("29/02/2028"))
        #expect(accepted("29/02/2028", on: "30/11/2027"))
        // 31 January: 31 December before, 30 April after; 31 January + 1 month is 28/29 February.
        #expect(MoveDate.window(today: day("31/01/2026")) == day("31/12/2025")...day("30/04/2026"))
        #expect(day("31/01/2026").adding(months: 1) == day("28/02/2026"))
        #expect(day("31/01/2028").adding(months: 1) == day("29/02/2028"))
        // From 29 February of a leap year.
        #expect(MoveDate.window(today: day("29/02/2028")) == day("29/01/2028")...day("29/05/2028"))
    }

    @Test func todayIsTheDayInParisNotInUTC() {
        // 2026-06-30T23:30Z is 1 July, 01:30 in Paris (summer time).
        let summer = ManualClock(Date(timeIntervalSince1970: 1_782_862_200))
        #expect(CalendarDate(summer.now()) == day("01/07/2026"))
        #expect((try? MoveDate.check("01/06/2026", clock: summer).get()) == day("01/06/2026"))
        #expect(MoveDate.check("31/05/2026", clock: summer) == .failure(.tooOld(earliest: day("01/06/2026"))))
        #expect((try? MoveDate.check("01/10/2026", clock: summer).get()) == day("01/10/2026"))
        // 21:59Z is still 30 June in Paris.
        summer.set(Date(timeIntervalSince1970: 1_782_856_740))
        #expect(MoveDate.check("01/10/2026", clock: summer) == .failure(.tooFarAhead(latest: day("30/09/2026"))))
        // 2026-12-31T23:30Z is 1 January 2027, 00:30 in Paris (winter time).
        let newYear = ManualClock(Date(timeIntervalSince1970: 1_798_759_800))
        #expect(MoveDate.check("30/11/2026", clock: newYear) == .failure(.tooOld(earliest: day("01/12/2026"))))
        #expect((try? MoveDate.check("01/12/2026", clock: newYear).get()) == day("01/12/2026"))
        #expect((try? MoveDate.check("01/04/2027", clock: newYear).get()) == day("01/04/2027"))
        // 2028-02-28T23:30Z is 29 February 2028 in Paris.
        let leap = ManualClock(Date(timeIntervalSince1970: 1_835_393_400))
        #expect(MoveDate.check("28/01/2028", clock: leap) == .failure(.tooOld(earliest: day("29/01/2028"))))
        #expect((try? MoveDate.check("29/05/2028", clock: leap).get()) == day("29/05/2028"))
    }

    @Test func badFormatsAreRefusedWithTheirRule() {
        #expect(refusal("1/2/2026", on: "15/01/2026") == .badFormat)
        #expect(refusal("2026-02-01", on: "15/01/2026") == .badFormat)
        #expect(refusal("01.02.2026", on: "15/01/2026") == .badFormat)
        #expect(refusal("01/02/26", on: "15/01/2026") == .badFormat)
        #expect(refusal("01 /02/2026", on: "15/01/2026") == .containsSpaces)
        #expect(refusal(" 01/02/2026", on: "15/01/2026") == .containsSpaces)
        #expect(refusal("31/02/2026", on: "15/01/2026") == .noSuchDate)
        #expect(refusal("29/02/2027", on: "15/01/2027") == .noSuchDate)
        #expect(refusal("", on: "15/01/2026") == .missing)
        #expect(accepted("29/02/2028", on: "15/03/2028"))
    }

    @Test func eachMessageNamesItsRuleAndBound() {
        #expect(MoveDate.Refusal.tooOld(earliest: day("15/05/2026")).message
            == "La date d'emménagement doit être le 15/05/2026 ou après : un changement d'adresse se déclare au plus tard un mois après le déménagement.")
        #expect(MoveDate.Refusal.tooFarAhead(latest: day("15/09/2026")).message
            == "La date d'emménagement doit être le 15/09/2026 ou avant : un changement d'adresse se déclare au plus tôt trois mois avant le déménagement.")
        #expect(MoveDate.Refusal.badFormat.message.contains("JJ/MM/AAAA"))
        #expect(MoveDate.Refusal.containsSpaces.message.contains("espace"))
        #expect(MoveDate.Refusal.noSuchDate.message == "Cette date n'existe pas : vérifiez le jour et le mois.")
    }
}
