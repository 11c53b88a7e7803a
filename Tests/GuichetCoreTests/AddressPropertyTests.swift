import GuichetCore
import GuichetTestSupport
import Testing

/// Words as La Poste writes them, with a way people type each.
private let plainWords = ["FLEURS", "GAULLE", "LATTRE", "TASSIGNY", "KENNEDY", "ROOSEVELT", "LILAS", "MOULIN", "FONTAINE", "PAIX", "VERDUN",
                          "GARE", "POSTE", "MAIRIE", "VIGNES", "PINS", "CHENES", "ROSIERS", "ALSACE", "LORRAINE", "BRETAGNE", "JAURES",
                          "HUGO", "PASTEUR", "CURIE", "MOZART", "CROIX", "BLANCHE", "ROUGE", "GRANDE", "PETIT", "VIEUX", "NEUF", "HAUT",
                          "INTERNATIONALE", "CONSTITUTIONNELLE", "ANTICONSTITUTIONNELLEMENT", "1945", "8", "MAI", "11", "NOVEMBRE"]
private let accented = ["GENERAL": "Général", "MARECHAL": "Maréchal", "EGLISE": "église", "ECOLES": "Écoles", "ELYSEES": "Élysées",
                        "FRERES": "Frères", "CHATEAU": "Château", "PRESIDENT": "Président", "REPUBLIQUE": "République",
                        "LIBERATION": "Libération", "COEUR": "Cœur", "NOEL": "Noël", "FRANCOIS": "François", "HELENE": "Hélène", "EMILE": "Émile"]
private let titleWords = ["GENERAL", "MARECHAL", "DOCTEUR", "PRESIDENT", "PROFESSEUR", "COMMANDANT", "CAPITAINE", "COLONEL"]
private let firstNameWords = ["JEAN", "PIERRE", "MARIE", "LOUIS", "CHARLES", "VICTOR", "PAUL", "JACQUES", "FRANCOIS", "EMILE", "HELENE", "JOSEPH"]
// Not `ET`: `12 ET 8 MAI` reads as the range `12 et 8`.
private let articleWords = ["DE", "DU", "DES", "LA", "LE", "LES", "AUX"]

/// A street in both forms: as La Poste writes it unabbreviated, and as a person may type it.
private struct GeneratedStreet {
    var canonical: String
    var typed: String
    /// The characters of the line after the number and suffix.
    var labelLength: Int
}

private func decorate(_ word: String, _ random: inout SplitMix64) -> String {
    let base = accented[word].map { random.chance(0.8) ? $0 : word } ?? word
    switch random.int(0...3) {
    case 0: return base.lowercased()
    case 1: return base.uppercased()
    default: return base.prefix(1).uppercased() + base.dropFirst().lowercased()
    }
}

private func generateStreet(_ random: inout SplitMix64) -> GeneratedStreet {
    var canonical: [String] = [], typed: [String] = []
    let hasNumber = random.chance(0.85)
    // A line without a number starts with a street type, so that a number word of the
    // name (`8 MAI 1945`) is never read as the house number.
    let type = !hasNumber || random.chance(0.85) ? random.pick(AbbreviationTable.standard.streetTypes) : nil
    if hasNumber {
        let value = random.int(1...(random.chance(0.8) ? 300 : 99_999))
        let number = String(value)
        canonical.append(number)
        typed.append(value < 1_000 && random.chance(0.1) ? "00" + number : number)
        if random.chance(0.25) {
            // `12 A 8 MAI` would read as a range: the letter suffix only before a street type.
            let suffix = random.pick(type == nil ? [("B", "bis"), ("T", "ter"), ("Q", "quater"), ("B", "B")]
                                                 : [("B", "bis"), ("T", "ter"), ("Q", "quater"), ("B", "B"), ("A", "A")])
            canonical.append(suffix.0)
            typed[typed.count - 1] += random.chance(0.5) ? " " + suffix.1 : suffix.1
        }
        if random.chance(0.3) { typed[typed.count - 1] += "," }
    }
    var label: [String] = []
    var typedLabel: [String] = []
    if let type {
        label.append(type.full)
        typedLabel.append(type.full.split(separator: " ").map { decorate(String($0), &random) }.joined(separator: random.chance(0.5) ? "-" : " "))
    }
    let pools = [plainWords, Array(accented.keys), titleWords, firstNameWords, articleWords, ["SAINT", "SAINTE"], ["NOTRE DAME"], ["L", "D"]]
    for _ in 0..<random.int(label.isEmpty ? 1...7 : 0...7) {
        let word = random.pick(random.pick(pools))
        if word == "L" || word == "D" {
            // An elision: typed glued to the next word with an apostrophe.
            let next = random.pick(["EGLISE", "ECOLES", "ALSACE", "ORMEAU", "ARTAGNAN"])
            label.append(contentsOf: [word, next])
            typedLabel.append(word.lowercased() + random.pick(["'", "’"]) + decorate(next, &random))
            continue
        }
        label.append(word)
        let parts = word.split(separator: " ").map { decorate(String($0), &random) }
        typedLabel.append(parts.joined(separator: random.chance(0.5) ? "-" : " "))
    }
    if random.chance(0.02) { label.append(String(repeating: "X", count: 45)); typedLabel.append(String(repeating: "x", count: 45)) }
    let labelText = label.joined(separator: " ")
    canonical.append(labelText)
    typed.append(typedLabel.joined(separator: random.chance(0.1) ? "  " : " "))
    return GeneratedStreet(canonical: canonical.filter { !$0.isEmpty }.joined(separator: " "),
                           typed: typed.filter { !$0.isEmpty }.joined(separator: " "),
                           labelLength: labelText.count)
}

private func noise(_ random: inout SplitMix64) -> String {
    let characters: [Character] = ["a", "É", "ß", "œ", "-", "'", "’", ",", ".", " ", "\t", "\u{7}", "\u{200B}", "漢", "👨‍👩‍👧", "ł", "ø", "9", "/", "(", ")"]
    return String((0..<random.int(0...60)).map { _ in random.pick(characters) })
}

private func generateAddress(_ random: inout SplitMix64) -> (DeliveryAddress, GeneratedStreet) {
    let street = generateStreet(&random)
    func line(_ options: [String]) -> String {
        switch random.int(0...9) {
        case 0...3: return ""
        case 4: return noise(&random)
        case 5: return (0..<random.int(3...12)).map { _ in decorate(random.pick(plainWords + Array(accented.keys)), &random) }.joined(separator: " ")
        default: return random.pick(options)
        }
    }
    let address = DeliveryAddress(
        recipient: line(["M. Jean Dupont", "Madame Marie-Hélène de La Tour d'Auvergne-Lauraguais", "Monsieur le Professeur Jean-Baptiste Poquelin de Molière"]),
        deliveryPoint: line(["Appartement 12", "Appartement 1204 étage 12 couloir de gauche au fond", "chez Mme Martin", "Boîte aux lettres 3 escalier B porte droite"]),
        building: line(["Bâtiment B", "Résidence Les Jardins de l'Observatoire Bâtiment C Entrée 4", "Entrée 2"]),
        street: random.chance(0.05) ? noise(&random) : street.typed,
        locality: line(["BP 123", "B.P. 40003", "Boîte postale 7", "Lieu-dit Les Granges", "lieudit les Grandes Terres de la Vallée du Moulin Neuf", "CS 30001", "T.S.A. 10001"]),
        postalCode: random.chance(0.9) ? String(format5: random.int(0...99_999)) : noise(&random),
        commune: random.chance(0.1) ? noise(&random)
            : random.pick(["Albi", "Saint-Denis", "albi cedex 9", "Paris Cedex 08", "Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson",
                           "Castillon (Canton d'Arthez-de-Béarn)", "L'Isle-sur-la-Sorgue", "Notre-Dame-de-Bondeville", "Schœlcher", "", "CEDEX"]),
        cedex: random.chance(0.1) ? String(random.int(1...20)) : nil
    )
    return (address, street)
}

private extension String {
    init(format5 value: Int) {
        let digits = String(value)
        self = String(repeating: "0", count: 5 - digits.count) + digits
    }
}

@Suite struct AddressPropertyTests {
    static let cases = 2_000

    @Test func neverMoreThanSixLinesOfThirtyEightCharacters() {
        var random = SplitMix64(seed: 0x6775_6963_6865_7401)
        for index in 0..<Self.cases {
            let (address, _) = generateAddress(&random)
            let lines = AddressNormaliser.normalise(address).lines
            #expect(lines.count <= 6, "case \(index): \(address)")
            #expect(lines.allSatisfy { !$0.isEmpty && $0.count <= 38 }, "case \(index): \(lines)")
        }
    }

    @Test func lastThreeLinesHoldOnlyCapitalsDigitsAndSingleSpaces() {
        var random = SplitMix64(seed: 0x6775_6963_6865_7402)
        for index in 0..<Self.cases {
            let (address, _) = generateAddress(&random)
            let normalised = AddressNormaliser.normalise(address)
            for line in [normalised.street.line, normalised.locality, normalised.lastLine] where !line.isEmpty {
                let clean = line.allSatisfy { $0 == " " || AddressText.isAllowed($0) } && !line.contains("  ")
                    && !line.hasPrefix(" ") && !line.hasSuffix(" ")
                #expect(clean, "case \(index): \(line)")
            }
        }
    }

    @Test func normalisingAProposalAgainChangesNothing() {
        var random = SplitMix64(seed: 0x6775_6963_6865_7403)
        for index in 0..<Self.cases {
            let (address, _) = generateAddress(&random)
            let once = AddressNormaliser.normalise(address)
            let twice = AddressNormaliser.normalise(once.asInput)
            #expect(twice.lines == once.lines, "case \(index): \(address)")
            #expect(twice.street.stage == .none || twice.street.line == once.street.line, "case \(index)")
        }
    }

    @Test func whatAlreadyFitsIsNeverAbbreviated() {
        var random = SplitMix64(seed: 0x6775_6963_6865_7404)
        var abbreviated = 0
        for index in 0..<Self.cases {
            let street = generateStreet(&random)
            let canonical = AddressNormaliser.normalise(DeliveryAddress(street: street.canonical)).street
            let typed = AddressNormaliser.normalise(DeliveryAddress(street: street.typed)).street
            // However it was typed, the line is the same.
            #expect(typed.line == canonical.line, "case \(index): \(street.typed) / \(street.canonical)")
            if street.labelLength <= 32 && street.canonical.count <= 38 {
                #expect(canonical.line == street.canonical && canonical.stage == .none, "case \(index): \(street.canonical)")
            } else {
                abbreviated += 1
                #expect(canonical.stage > .none && canonical.line.count <= 38, "case \(index): \(street.canonical)")
            }
        }
        // The generator exercises both sides of the rule.
        #expect(abbreviated > Self.cases / 10 && abbreviated < Self.cases * 9 / 10)
    }

    @Test func theFirstStageOnlyAbbreviatesTheStreetType() {
        var random = SplitMix64(seed: 0x6775_6963_6865_7405)
        var seen = 0
        for index in 0..<Self.cases {
            let street = generateStreet(&random)
            let line = AddressNormaliser.normalise(DeliveryAddress(street: street.canonical)).street
            guard line.stage == .streetType, let type = line.streetType else { continue }
            seen += 1
            let name = line.name.isEmpty ? "" : " " + line.name
            #expect(line.label == type.abbreviation + name, "case \(index): \(street.canonical)")
            #expect(line.fullLine.hasSuffix(type.full + name), "case \(index): \(street.canonical)")
        }
        #expect(seen > 50)
    }
}
