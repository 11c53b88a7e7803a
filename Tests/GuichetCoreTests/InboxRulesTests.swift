import Foundation
@testable import GuichetCore
import GuichetTestSupport
import Testing

/// The inbox's rules without HTTP: CSV cells, query parsing, the moves a state allows.
@Suite struct InboxRulesTests {
    @Test(arguments: [
        ("simple", "simple"), ("=1+1", "'=1+1"), ("+33 6", "'+33 6"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcaché", "'\tcaché"), ("a;b", "\"a;b\""), ("dit \"oui\"", "\"dit \"\"oui\"\"\""), ("deux\nlignes", "\"deux\nlignes\""),
        ("=a;b", "\"'=a;b\""), ("", ""),
    ])
    func cellsAreQuotedAndFormulasNeutralised(value: String, expected: String) {
        #expect(CSVWriter.cell(value) == expected)
    }

    @Test func aRowEndsWithCRLFAndTheFileWithABOM() {
        #expect(CSVWriter.row(["a", "b"]) == "a;b\r\n")
        #expect(Array(CSVWriter.byteOrderMark.utf8) == [0xEF, 0xBB, 0xBF])
    }

    /// Whatever the text, a cell never starts a formula and splits into exactly one cell.
    @Test func randomCellsNeverStartAFormulaAndStayOneCell() {
        var random = SplitMix64(seed: 12)
        let alphabet = Array("=+-@\t\r\n;\"aé ")
        for _ in 0..<2000 {
            let text = String((0..<Int(random.next() % 8)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            let cell = CSVWriter.cell(text)
            let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : cell
            #expect(!["=", "+", "-", "@", "\t", "\r"].contains(unquoted.first.map(String.init) ?? ""), "\(text.debugDescription)")
            #expect(unquoted == text || unquoted == "'" + text)
            if !cell.hasPrefix("\"") { #expect(!cell.contains(";") && !cell.contains("\n") && !cell.contains("\"")) }
        }
    }

    @Test func theQueryKeepsWhatItCouldReadAndSaysWhatItCouldNot() {
        let (query, errors) = InboxQuery.parse(["onglet": "traites", "procedure": "x", "du": "01/12/2026", "au": "2026-12-31",
                                                "q": "  Élodie ", "page": "3"], procedures: ["y"])
        #expect(query.tab == .done && query.procedureID == nil && errors["procedure"] != nil)
        #expect(query.from == CalendarDate(year: 2026, month: 12, day: 1) && query.to == CalendarDate(year: 2026, month: 12, day: 31))
        #expect(query.search == "Élodie" && query.foldedSearch == "elodie" && query.page == 3)
        let (fallback, _) = InboxQuery.parse(["onglet": "inconnu", "page": "-1"], procedures: [])
        #expect(fallback.tab == .toProcess && fallback.page == 1)
        let (_, bad) = InboxQuery.parse(["q": "a\u{0}b", "du": "hier"], procedures: [])
        #expect(bad["q"] != nil && bad["du"] != nil)
    }

    @Test func theDayFilterFollowsParisTime() throws {
        var query = InboxQuery()
        query.from = CalendarDate(year: 2026, month: 7, day: 14)
        query.to = CalendarDate(year: 2026, month: 7, day: 14)
        let (start, end) = query.interval
        // Midnight in Paris in summer is 22:00 UTC the day before.
        #expect(start == Date(timeIntervalSince1970: 1_783_980_000))
        #expect(try #require(end).timeIntervalSince(try #require(start)) == 86400)
    }

    @Test func theMovesFollowTheStateMachine() {
        #expect(InboxAction.available(from: .transmitted) == [.acknowledge, .startProcessing])
        #expect(InboxAction.available(from: .acknowledged) == [.startProcessing, .complete])
        #expect(InboxAction.available(from: .processing) == [.complete])
        #expect(InboxAction.available(from: .done).isEmpty)
        #expect(InboxAction.complete.requiresMessage && !InboxAction.acknowledge.requiresMessage)
    }

    @Test func trackingMessagesRefuseInvisibleCharactersAndTheDocumentSaysTheSame() throws {
        #expect(!TrackingMessage.hasForbiddenCharacters("Bonjour,\n\tvotre acte est prêt. 👍🏽"))
        for bad in ["a\u{0}", "a\u{7}", "\u{202E}txt", "a\u{200B}b", "\u{FEFF}", "a\u{85}"] {
            #expect(TrackingMessage.hasForbiddenCharacters(bad), "\(bad.debugDescription)")
        }
        let regex = try NSRegularExpression(pattern: TrackingMessage.allowedPattern)
        for text in ["Bonjour,\n\tvotre acte est prêt.", "a\u{0}", "\u{202E}txt", "a\u{200B}b"] {
            let matches = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            #expect(matches == !TrackingMessage.hasForbiddenCharacters(text), "\(text.debugDescription)")
        }
    }
}
