import GuichetCore
import Testing

@Suite struct AddressCheckTests {
    let check = ReferenceData.addressCheck

    private func verdict(_ postalCode: String, _ commune: String, street: String = "12 rue de la Paix", cedex: String? = nil) -> AddressVerdict {
        check.check(DeliveryAddress(street: street, postalCode: postalCode, commune: commune, cedex: cedex))
    }

    /// The last line and INSEE code of a proposal, or `nil` when nothing is proposed.
    private func proposal(_ postalCode: String, _ commune: String, cedex: String? = nil) -> (line: String, insee: String)? {
        guard case .proposed(let address, let matched) = verdict(postalCode, commune, cedex: cedex) else { return nil }
        return (address.lastLine, matched.inseeCode)
    }

    private func refusal(_ postalCode: String, _ commune: String) -> (field: AddressField, message: String, suggestions: [String])? {
        guard case .refused(let field, let message, let suggestions) = verdict(postalCode, commune) else { return nil }
        return (field, message, suggestions.map(\.label))
    }

    @Test func aCodeServingOneCommuneProposesIt() {
        #expect(proposal("81000", "Albi")?.line == "81000 ALBI")
        #expect(proposal("81000", "")?.line == "81000 ALBI")
        #expect(proposal("81000", "")?.insee == "81004")
    }

    @Test func aCodeServingSeveralCommunesLetsThePersonPick() {
        guard case .chooseCommune(let communes) = verdict("81990", "") else { Issue.record("no choice"); return }
        #expect(communes.map(\.name) == ["Cambon", "Carlus", "Cunac", "Fréjairolles", "Puygouzon", "Saliès", "Sequestre"])
        // Once picked, the name is exact and the address is proposed.
        #expect(proposal("81990", communes[2].name)?.line == "81990 CUNAC")
        guard case .chooseCommune(let mayotte) = verdict("97600", "") else { Issue.record("no choice"); return }
        #expect(mayotte.map(\.name) == ["Koungou", "Mamoudzou"])
    }

    @Test func misspeltCommunesGetTheOfficialSpelling() {
        #expect(proposal("97400", "st denis")?.line == "97400 ST DENIS")
        #expect(proposal("97400", "SAINT DÉNIS")?.line == "97400 ST DENIS")
        #expect(proposal("13100", "Aix en Provence")?.line == "13100 AIX EN PROVENCE")
        #expect(proposal("40000", "Mt-de-Marsan")?.line == "40000 MONT DE MARSAN")
        #expect(proposal("62200", "Boulogne s/ Mer")?.line == "62200 BOULOGNE SUR MER")
        // One typo: a letter wrong, missing, extra, or two swapped.
        #expect(proposal("69100", "Villeurbane")?.line == "69100 VILLEURBANNE")
        #expect(proposal("69100", "Villeurbanme")?.line == "69100 VILLEURBANNE")
        #expect(proposal("69100", "Villleurbanne")?.line == "69100 VILLEURBANNE")
        #expect(proposal("69100", "Vilelurbanne")?.line == "69100 VILLEURBANNE")
        #expect(proposal("81990", "Cunak")?.line == "81990 CUNAC")
        // Two typos are another commune, or none.
        #expect(proposal("69100", "Vilerbane") == nil)
    }

    @Test func articlesTheFileLeavesOutAreKeptAsLaPosteWritesThem() {
        #expect(proposal("17000", "La Rochelle")?.line == "17000 LA ROCHELLE")
        #expect(proposal("17000", "Rochelle")?.line == "17000 ROCHELLE")
        #expect(proposal("76600", "Le Havre")?.line == "76600 LE HAVRE")
        #expect(proposal("84800", "L'Isle-sur-la-Sorgue")?.line == "84800 L ISLE SUR LA SORGUE")
        #expect(proposal("85100", "Les Sables-d'Olonne")?.line == "85100 LES SABLES D OLONNE")
    }

    @Test func anUnknownCodeIsRefusedWithTheCodesOfTheCommune() {
        let refused = refusal("99999", "Albi")
        #expect(refused?.field == .postalCode)
        #expect(refused?.message == "Ce code postal n'existe pas. Vérifiez-le sur votre courrier. Le code postal de « Albi » est 81000.")
        #expect(refused?.suggestions == ["81000 Albi"])
        #expect(refusal("99999", "Nullepart-sur-Rien")?.message == "Ce code postal n'existe pas. Vérifiez-le sur votre courrier.")
        #expect(refusal("99999", "Nullepart-sur-Rien")?.suggestions == [])
    }

    @Test func aCodeThatDoesNotServeTheCommuneIsRefusedWithSuggestions() {
        let refused = refusal("69001", "Villeurbanne")
        #expect(refused?.field == .postalCode)
        #expect(refused?.message == "Le code postal 69001 ne dessert pas « Villeurbanne » : il dessert Lyon 1er Arrondissement. Le code postal de « Villeurbanne » est 69100.")
        #expect(refused?.suggestions == ["69100 Villeurbanne", "69001 Lyon 1er Arrondissement"])
        // A name found nowhere points at the commune field.
        let unknown = refusal("81990", "Xyzzyville")
        #expect(unknown?.field == .commune)
        #expect(unknown?.message == "Le code postal 81990 ne dessert pas « Xyzzyville » : il dessert 7 communes, dont Cambon, Carlus et Cunac.")
        #expect(unknown?.suggestions.count == 5)
    }

    @Test func malformedOrMissingInputIsRefusedOnItsField() {
        #expect(refusal("8100", "Albi")?.message == "Le code postal compte 5 chiffres, par exemple 75002.")
        #expect(refusal("81OOO", "Albi")?.field == .postalCode)
        #expect(refusal("", "Albi")?.message == "Saisissez le code postal.")
        #expect(proposal(" 81 000 ", "Albi")?.line == "81000 ALBI")
        guard case .refused(.street, _, _) = verdict("81000", "Albi", street: "  ") else { Issue.record("no street accepted"); return }
    }

    @Test func arrondissementsAreWrittenWithTheCityName() {
        #expect(proposal("75002", "Paris")?.line == "75002 PARIS")
        #expect(proposal("75002", "Paris")?.insee == "75102")
        #expect(proposal("75116", "PARIS 16E")?.line == "75116 PARIS")
        #expect(proposal("75020", "Paris 20e Arrondissement")?.line == "75020 PARIS")
        #expect(proposal("69003", "Lyon 3ème")?.line == "69003 LYON")
        #expect(proposal("69003", "Lyon")?.insee == "69383")
        #expect(proposal("13001", "Marseille")?.line == "13001 MARSEILLE")
        #expect(proposal("13008", "marseille 8e")?.insee == "13208")
        #expect(refusal("69001", "Paris")?.field == .postalCode)
        #expect(proposal("75002", "Parisien") == nil)
    }

    @Test func overseasDepartmentsAreCheckedLikeTheOthers() {
        #expect(proposal("97110", "Pointe-a-Pitre")?.line == "97110 POINTE A PITRE")
        #expect(proposal("97233", "Schoelcher")?.line == "97233 SCHOELCHER")
        #expect(proposal("97300", "cayenne")?.insee == "97302")
        #expect(proposal("97400", "Saint-Denis")?.insee == "97411")
        #expect(proposal("97615", "Pamandzi")?.line == "97615 PAMANDZI")
        #expect(refusal("97400", "Cayenne")?.suggestions.first == "97300 Cayenne")
    }

    @Test func corsicanCodesServeTheirCommunes() {
        #expect(proposal("20000", "Ajaccio")?.insee == "2A004")
        #expect(proposal("20200", "Bastia")?.insee == "2B033")
        #expect(proposal("20167", "Ajacio")?.line == "20167 AJACCIO")
        #expect(proposal("20200", "Ville-di-Pietrabugno")?.line == "20200 VILLE DI PIETRABUGNO")
        let refused = refusal("20600", "Ajaccio")
        #expect(refused?.message == "Le code postal 20600 ne dessert pas « Ajaccio » : il dessert Bastia et Furiani. Les codes postaux de « Ajaccio » sont 20000, 20090 et 20167.")
    }

    @Test func cedexCodesAreAcceptedInTheCommunesDepartment() {
        #expect(proposal("81013", "Albi Cedex 9")?.line == "81013 ALBI CEDEX 9")
        #expect(proposal("81013", "Albi", cedex: "9")?.line == "81013 ALBI CEDEX 9")
        #expect(proposal("81000", "Albi Cedex")?.line == "81000 ALBI CEDEX")
        #expect(proposal("75384", "Paris Cedex 08")?.insee == "75056")
        #expect(proposal("97704", "Saint-Denis Cedex 9")?.insee == "97411")
        #expect(proposal("20181", "Ajaccio Cedex 1")?.line == "20181 AJACCIO CEDEX 1")
        let refused = refusal("81013", "Toulouse Cedex 9")
        #expect(refused?.message == "Le code postal 81013 ne correspond pas au département de « Toulouse ». Vérifiez le code CEDEX sur le courrier de l'organisme.")
        #expect(refused?.suggestions.first == "31000 Toulouse")
        #expect(refusal("81013", "Cedex 9")?.field == .commune)
        #expect(refusal("81013", "Albi Cedex 123")?.message == "Le numéro CEDEX compte 1 ou 2 chiffres, par exemple « Albi Cedex 9 ».")
        // Without CEDEX, an unknown code stays unknown.
        #expect(refusal("81013", "Albi")?.message.hasPrefix("Ce code postal n'existe pas.") == true)
    }

    @Test func aProposalCheckedAgainIsProposedUnchanged() {
        for (code, commune) in [("17000", "La Rochelle"), ("75002", "Paris 2e"), ("51290", "Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson"),
                                ("64370", "Castillon"), ("81013", "Albi Cedex 9"), ("97400", "st denis")] {
            guard case .proposed(let first, _) = verdict(code, commune),
                  case .proposed(let again, _) = check.check(first.asInput) else {
                Issue.record("\(code) \(commune) not proposed twice")
                continue
            }
            #expect(again.lines == first.lines)
        }
    }

    @Test func communesOfTheFileAreProposedUnderTheirOwnNameAndStayProposed() {
        var checked = 0
        for value in stride(from: 0, to: 100_000, by: 1) {
            let code = String(repeating: "0", count: 5 - String(value).count) + String(value)
            for (index, commune) in check.directory.communes(postalCode: code).enumerated() where (value + index) % 9 == 0 {
                checked += 1
                let address = DeliveryAddress(street: "1 rue de la Mairie", postalCode: code, commune: commune.name)
                guard case .proposed(let first, let matched) = check.check(address) else {
                    Issue.record("\(code) \(commune.name): \(check.check(address))")
                    continue
                }
                #expect(matched.inseeCode == commune.inseeCode && first.lastLine.hasPrefix(code + " "), "\(code) \(commune.name)")
                guard case .proposed(let again, _) = check.check(first.asInput) else {
                    Issue.record("\(code) \(commune.name) then \(first.lastLine): \(check.check(first.asInput))")
                    continue
                }
                #expect(again.lines == first.lines, "\(code) \(commune.name)")
            }
        }
        #expect(checked > 3_000)
    }

    @Test func theWholeAddressIsNormalisedWithTheOfficialSpelling() {
        let address = DeliveryAddress(recipient: "Mme Jeanne Martin", street: "4 à 8 av. du Gal de Gaulle", locality: "B.P. 12",
                                      postalCode: "97400", commune: "st-denis")
        guard case .proposed(let proposed, let commune) = check.check(address) else { Issue.record("not proposed"); return }
        #expect(proposed.lines == ["Mme Jeanne Martin", "4 AV DU GAL DE GAULLE", "BP 12", "97400 ST DENIS"])
        #expect(commune.name == "Saint-Denis")
    }
}
