import Foundation
import GuichetCore
import Testing

@Suite struct CSVTests {
    @Test func readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        let rows = CSV.rows("a,b,c\n1,\"deux, trois\",\"ligne\nsuivante\"\n\"il dit \"\"oui\"\"\",,x\r\n")
        #expect(rows == [["a", "b", "c"], ["1", "deux, trois", "ligne\nsuivante"], ["il dit \"oui\"", "", "x"]])
    }

    @Test func recordsAreKeyedByHeader() {
        #expect(CSV.records("code,nom\n75001,Paris\n") == [["code": "75001", "nom": "Paris"]])
    }
}

@Suite struct ReferenceDataTests {
    @Test func postalCodesAreLoadedWithTheirCommunes() {
        let directory = ReferenceData.postalCodes
        #expect(directory.count > 6000)
        #expect(directory.contains(postalCode: "01000"))
        #expect(directory.communes(postalCode: "01000").map(\.name).contains("Bourg-en-Bresse"))
        #expect(!directory.contains(postalCode: "99999"))
    }
}

@Suite struct TextTests {
    @Test func normalisationComposesAccentsAndLineBreaks() {
        #expect(Text.normalized(" e\u{301}\r\nb ") == "é\nb")
    }

    @Test func countsTakeTheFrenchPluralFromTwo() {
        #expect(Text.counted(0, "page") == "0 page" && Text.counted(1, "essai") == "1 essai")
        #expect(Text.counted(2, "résultat") == "2 résultats" && Text.counted(-3, "caractère") == "-3 caractères")
    }

    @Test func controlCharactersAreDetected() {
        #expect(Text.containsControlCharacters("a\u{7}b"))
        #expect(Text.containsControlCharacters("a\u{200B}b"))
        #expect(!Text.containsControlCharacters("a\nb", allowLineBreaks: true))
        #expect(Text.containsControlCharacters("a\nb"))
        #expect(!Text.containsControlCharacters("famille 👨‍👩‍👧 ❤️"))
    }

    @Test func foldingIgnoresCaseAndAccents() {
        #expect(Text.folded("Électorales") == Text.folded("electorales"))
    }
}

@Suite struct EmailAddressTests {
    @Test func domainIsLowercasedAndLocalPartKept() {
        #expect(EmailAddress("Jeanne.Martin@Exemple.FR")?.value == "Jeanne.Martin@exemple.fr")
    }

    @Test func internationalDomainsAreAccepted() {
        #expect(EmailAddress("élise@café.fr") != nil)
    }

    @Test func tooLongAddressIsRefused() {
        #expect(EmailAddress(String(repeating: "a", count: 65) + "@exemple.fr") == nil)
        #expect(EmailAddress("a@" + String(repeating: "b", count: 250) + ".fr") == nil)
    }
}

@Suite struct FrenchDateTests {
    @Test func datesAreWrittenTheFrenchWayInParisTime() {
        let date = Date(timeIntervalSince1970: 1_800_000_000) // 2027-01-15 08:00 UTC, 09:00 in Paris
        #expect(FrenchDate.short(date) == "15/01/2027")
        #expect(FrenchDate.withTime(date) == "15/01/2027 à 9 h 00")
        #expect(FrenchDate.long(date) == "15 janvier 2027")
        #expect(FrenchDate.long(Date(timeIntervalSince1970: 1_798_761_600)) == "1er janvier 2027")
    }
}

@Suite struct SecureTokenTests {
    @Test func tokensAreURLSafeAndDistinct() {
        let tokens = (0..<200).map { _ in SecureToken.generate() }
        #expect(Set(tokens).count == 200)
        #expect(tokens.allSatisfy { $0.count == 43 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } })
    }

    @Test func readableCodesUseOnlyUnambiguousCharacters() {
        let codes = (0..<300).map { _ in SecureToken.code(length: 8) }
        #expect(codes.allSatisfy { $0.count == 8 && $0.allSatisfy(SecureToken.readableAlphabet.contains) })
        #expect(Set(codes.joined()).count == SecureToken.readableAlphabet.count, "every character appears")
    }
}
