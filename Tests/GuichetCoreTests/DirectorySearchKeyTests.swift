import Foundation
import GuichetCore
import Testing

@Suite struct DirectorySearchKeyTests {
    @Test func accentsCaseAndLigaturesAreFolded() {
        #expect(DirectorySearchKey.normalized("PRÉFECTURE de l'Isère") == "prefecture de l isere")
        #expect(DirectorySearchKey.normalized("Œuvre Æsthétique") == "oeuvre aesthetique")
        #expect(DirectorySearchKey.normalized("L’Haÿ-les-Roses") == "l hay les roses")
    }

    @Test func hyphensApostrophesAndPunctuationBreakWords() {
        #expect(DirectorySearchKey.words("Aix-en-Provence") == ["aix", "en", "provence"])
        #expect(DirectorySearchKey.words("  CAF (Rhône) – accueil, Lyon 3e ") == ["caf", "rhone", "accueil", "lyon", "3e"])
        #expect(DirectorySearchKey.normalized("<script>") == "script")
        #expect(DirectorySearchKey.normalized("— ! ?") == "")
    }

    @Test func saintIsWrittenOutAndArticlesAreKept() {
        let spellings = ["St-Étienne", "SAINT ETIENNE", "saint-étienne", "St Etienne"]
        #expect(Set(spellings.map(DirectorySearchKey.normalized)) == ["saint etienne"])
        #expect(DirectorySearchKey.normalized("Ste-Foy-lès-Lyon") == "sainte foy les lyon")
        #expect(DirectorySearchKey.normalized("Le Mans") == "le mans")
        // Only whole words: "Stains" and "Estérel" are not touched.
        #expect(DirectorySearchKey.normalized("Stains Estérel") == "stains esterel")
    }

    @Test func editDistanceCountsTyposAndSwaps() {
        #expect(DirectorySearchKey.editDistance("bordeaux", "bordeaux") == 0)
        #expect(DirectorySearchKey.editDistance("bordeau", "bordeaux") == 1)
        #expect(DirectorySearchKey.editDistance("prefecutre", "prefecture") == 1) // two letters swapped
        #expect(DirectorySearchKey.editDistance("marseile", "marseille") == 1)
        #expect(DirectorySearchKey.editDistance("lyon", "nantes") == 6)
        #expect(DirectorySearchKey.editDistance("", "abc") == 3)
        #expect(DirectorySearchKey.editDistance("toulouse", "xxxxxxxx", limit: 2) == 3)
    }

    @Test func typoToleranceGrowsWithTheWord() {
        #expect(DirectorySearchKey.isClose(typed: "marseile", to: "marseille"))
        #expect(DirectorySearchKey.isClose(typed: "tolouse", to: "toulouse"))
        #expect(DirectorySearchKey.isClose(typed: "bord", to: "bordeaux")) // a prefix
        #expect(!DirectorySearchKey.isClose(typed: "cap", to: "caf")) // short words must be exact
        #expect(!DirectorySearchKey.isClose(typed: "lille", to: "lyon"))
    }

    @Test func theIndexedTextHoldsNameCommunePostalCodeAndKind() {
        let body = PublicBody(id: "x", name: "Caisse d'allocations familiales (CAF) du Rhône", kinds: ["caf"],
                              postalCode: "69003", commune: "Lyon Cedex 03")
        #expect(body.searchText == "caisse d allocations familiales caf du rhone lyon cedex 03 69003 caisse d allocations familiales caf")
        #expect(body.communeKey == "lyon")
    }
}

@Suite struct DirectoryQueryTests {
    @Test func aQueryIsTakenApart() throws {
        let query = try DirectoryQuery("CAF  de Lyon 69003")
        #expect(query.postalCode == "69003")
        #expect(query.kind?.term == "caf" && query.kind?.slugs == ["caf"])
        #expect(query.words == ["de", "lyon"] && query.requiredWords == ["lyon"])
        #expect(query.text == "CAF de Lyon 69003")
        #expect(query.fts5Expression == #""lyon"*"#)
        #expect(query.tsqueryExpression == "lyon:*")
    }

    @Test func kindWordsAreRecognisedInTheirUsualForms() throws {
        #expect(try DirectoryQuery("impôts Toulouse").kind?.slugs.contains("sie") == true)
        #expect(try DirectoryQuery("Centre des finances publiques Lyon").kind?.term == "centre des finances publiques")
        #expect(try DirectoryQuery("Sous-Préfecture Arles").kind?.slugs == ["sous_pref"])
        #expect(try DirectoryQuery("préfecture").kind?.slugs.contains("sous_pref") == true)
        #expect(try DirectoryQuery("Hôtel de ville Nantes").kind?.slugs == ["mairie"])
        #expect(try DirectoryQuery("sécu").kind?.slugs == ["cpam"])
        #expect(try DirectoryQuery("prefecure nord").kind?.term == "prefecture") // one typo
        #expect(try DirectoryQuery("Lyon").kind == nil)
    }

    @Test func aDepartmentNumberAloneFiltersByPostalCode() throws {
        #expect(try DirectoryQuery("caf 69").postalCodePrefix == "69")
        #expect(try DirectoryQuery("préfecture 2A").postalCodePrefix == "20")
        #expect(try DirectoryQuery("CAF 972").postalCodePrefix == "972")
        let arrondissement = try DirectoryQuery("mairie paris 15")
        #expect(arrondissement.postalCodePrefix == nil && arrondissement.words == ["paris", "15"])
    }

    @Test func badQueriesGiveAFrenchMessage() {
        #expect(DirectoryQuery.parse("   ") == .failure(.empty))
        #expect(DirectoryQuery.parse(String(repeating: "a", count: 300)) == .failure(.tooLong(length: 300)))
        #expect(DirectoryQuery.Problem.tooLong(length: 300).message.contains("200 caractères au maximum, vous en avez saisi 300"))
        #expect(DirectoryQuery.parse("%%% $$ <>") == .failure(.nothingToSearch))
        #expect(DirectoryQuery.parse("\u{7}\u{0}") == .failure(.nothingToSearch))
        #expect(DirectoryQuery.Problem.empty.message.hasPrefix("Saisissez le nom d'un organisme"))
        #expect((try? DirectoryQuery(String(repeating: "é", count: 200))) != nil)
    }

    @Test func oddCharactersAreStripped() throws {
        let query = try DirectoryQuery("<b>mairie</b> d'Ambérieu-en-Bugey; DROP TABLE")
        #expect(query.text == "b mairie b d'Ambérieu-en-Bugey DROP TABLE")
        #expect(query.kind?.term == "mairie")
        #expect(query.words == ["b", "b", "d", "amberieu", "en", "bugey", "drop", "table"])
    }

    @Test func anUnknownPostalCodeIsExplained() throws {
        let postalCodes = PostalCodeDirectory(csv: "postal_code,insee_code,commune_name\n69003,69383,Lyon 3e Arrondissement\n")
        #expect(try DirectoryQuery("caf 99999").unknownPostalCodeMessage(in: postalCodes)?.hasPrefix("Le code postal 99999 ne correspond à aucune commune") == true)
        #expect(try DirectoryQuery("caf 69003").unknownPostalCodeMessage(in: postalCodes) == nil)
    }
}
