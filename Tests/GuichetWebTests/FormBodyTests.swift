@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing

@Suite struct FormBodyTests {
    func parse(_ text: String) throws(FormBody.Failure) -> FormBody { try FormBody.parse(Array(text.utf8)) }

    @Test func decodesPercentEscapesPlusAndRepeatedNames() throws {
        let form = try parse("nom=Jean+Dupont&ville=Sainte-C%C3%A9cile&theme=a&theme=b&vide=&seul")
        #expect(form["nom"] == "Jean Dupont")
        #expect(form["ville"] == "Sainte-Cécile")
        #expect(form.all("theme") == ["a", "b"])
        #expect(form["vide"] == "" && form.has("vide"))
        #expect(form.has("seul") && !form.has("absent"))
        #expect(form["absent"] == "")
    }

    @Test func valuesMayContainEqualsSigns() throws {
        #expect(try parse("a=b=c")["a"] == "b=c")
    }

    @Test(arguments: ["a=%", "a=%4", "a=%zz", "a=%C3", "a=%FF%FE", "a=%00", "%00=a"])
    func malformedBodiesAreUnreadable(_ body: String) {
        #expect(throws: FormBody.Failure.unreadable) { try parse(body) }
    }

    @Test func fieldCountIsBounded() {
        let many = (0...FormBody.maximumFields).map { "f\($0)=x" }.joined(separator: "&")
        #expect(throws: FormBody.Failure.unreadable) { try parse(many) }
    }
}
