import Foundation
import GuichetCore
import Testing

@Suite struct DirectoryRankingTests {
    private let index = DirectoryIndex([
        PublicBody(id: "m1", name: "Mairie de Saint-Denis-d'Oléron", kinds: ["mairie"], postalCode: "17650", commune: "Saint-Denis-d'Oléron"),
        PublicBody(id: "m2", name: "Mairie de Saint-Denis", kinds: ["mairie"], postalCode: "93200", commune: "Saint-Denis"),
        PublicBody(id: "m3", name: "Mairie de Saint-Denis", kinds: ["mairie"], postalCode: "97400", commune: "Saint-Denis"),
        PublicBody(id: "c1", name: "Caisse d'allocations familiales (CAF) du Rhône - Accueil de Lyon", kinds: ["caf"], postalCode: "69003", commune: "Lyon"),
        PublicBody(id: "c2", name: "Caisse d'allocations familiales (CAF) de la Gironde", kinds: ["caf"], postalCode: "33000", commune: "Bordeaux"),
        PublicBody(id: "p1", name: "Préfecture de la Gironde", kinds: ["prefecture"], postalCode: "33000", commune: "Bordeaux"),
        PublicBody(id: "s1", name: "Centre des finances publiques de Bordeaux", kinds: ["sip"], postalCode: "33000", commune: "Bordeaux"),
    ])

    private func ids(_ text: String) throws -> [String] { try index.search(DirectoryQuery(text)).map(\.id) }

    @Test func theCommuneTypedComesFirst() throws {
        #expect(try ids("st denis") == ["m2", "m3", "m1"])
        #expect(try ids("mairie saint-denis 93200") == ["m2"])
        // Articles aside: "Abergement" is the commune of "L'Abergement".
        let abergement = DirectoryIndex([
            PublicBody(id: "a1", name: "Mairie d'Abergement-la-Ronce", kinds: ["mairie"], commune: "Abergement-la-Ronce"),
            PublicBody(id: "a2", name: "Mairie d'Abergement-Clémenciat", kinds: ["mairie"], commune: "L'Abergement-Clémenciat"),
        ])
        #expect(try abergement.search(DirectoryQuery("abergement clemenciat")).map(\.id) == ["a2"])
        #expect(try abergement.search(DirectoryQuery("abergement")).map(\.id) == ["a2", "a1"])
    }

    @Test func kindsAndTyposNarrowTheResults() throws {
        #expect(try ids("caf") == ["c2", "c1"])
        #expect(try ids("caf bordeaux") == ["c2"])
        #expect(try ids("impots bordeau") == ["s1"])
        #expect(try ids("gironde") == ["c2", "p1"])
        #expect(try ids("CAF de Lyon") == ["c1"])
        #expect(try ids("caf 33") == ["c2"])
        #expect(try ids("marseille").isEmpty)
    }

    @Test func resultsArePaginated() throws {
        let results = index.search(try DirectoryQuery("33000"), page: "2", pageSize: 2)
        #expect(results.page.total == 3 && results.page.number == 2 && results.bodies.map(\.id) == ["p1"])
        #expect(results.page.label == "Page 2 sur 2" && results.page.previous == 1 && results.page.next == nil)
        #expect(results.headline == "3 organismes trouvés")
        #expect(index.search(try DirectoryQuery("nantes"), page: nil).headline.hasPrefix("Aucun organisme"))
    }

    @Test func anyPageParameterGivesAnExistingPage() {
        #expect(DirectoryPage(requested: nil, total: 45).number == 1)
        #expect(DirectoryPage(requested: "abc", total: 45).number == 1)
        #expect(DirectoryPage(requested: "-3", total: 45).number == 1)
        #expect(DirectoryPage(requested: "3", total: 45).range == 40..<45)
        #expect(DirectoryPage(requested: "99999999999999999999999", total: 45).number == 3)
        #expect(DirectoryPage(requested: "7", total: 0).range == 0..<0)
        #expect(DirectoryPage(requested: "2", total: 45).offset == 20)
    }
}

@Suite struct PublicBodyTests {
    @Test func knownAndUnknownKinds() {
        #expect(PublicBodyKind(slug: "sous_pref").label == "Sous-préfecture")
        #expect(PublicBodyKind(slug: "sip").label == "Centre des finances publiques")
        #expect(PublicBodyKind(slug: "maison_justice_droit").label == "Maison justice droit")
        #expect(!PublicBodyKind(slug: "maison_justice_droit").isKnown)
        let body = PublicBody(id: "x", name: "Centre des finances publiques", kinds: ["sip", "sie"])
        #expect(body.kindLabels == ["Centre des finances publiques"])
    }

    @Test func townHallsBecomeBodiesWithTheirHours() throws {
        let csv = """
            insee_code,commune_name,address,email,phone,website,opening_hours_json
            01001,Abergement-Clémenciat,"119 route de la Fontaine
            01400 L'Abergement-Clémenciat",mairie@exemple.fr,04 74 24 03 08,,"[[""mardi"",""mardi"",[[""09:00:00"",""12:00:00""],[""14:00:00"",""17:00:00""]]]]"
            """
        let body = try #require(PublicBody.townHalls(csv: csv).first)
        #expect(body.id == "mairie-01001" && body.name == "Mairie d'Abergement-Clémenciat" && body.kinds == ["mairie"])
        #expect(body.postalCode == "01400" && body.commune == "L'Abergement-Clémenciat" && body.inseeCode == "01001")
        #expect(body.phones.map(\.number) == ["04 74 24 03 08"] && body.emails == ["mairie@exemple.fr"] && body.websites.isEmpty)
        #expect(body.schedule.summary == ["Mardi : 9 h – 12 h, 14 h – 17 h"])
        #expect(body.contacts.hours == body.schedule.summary)
    }

    @Test func theShippedDirectoryFindsTheExactCommuneFirst() throws {
        let index = DirectoryIndex(ReferenceData.defaultDirectory)
        #expect(index.count > 34_000)
        #expect(index.body(id: "mairie-75056")?.address.last == "75004 Paris")
        let results = index.search(try DirectoryQuery("mairie saint denis"))
        #expect(results.prefix(2).allSatisfy { $0.commune == "Saint-Denis" })
        #expect(index.search(try DirectoryQuery("préfecture ajaccio")).first?.id == "exemple-prefecture-2a")
    }
}
