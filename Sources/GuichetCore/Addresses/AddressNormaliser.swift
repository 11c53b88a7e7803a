/// Writes a typed address the way La Poste's RNVP does (AFNOR NF Z10-011), so that the
/// organisations receiving the change of address get one they can deliver to.
///
/// Pure and idempotent: normalising `asInput` of a result gives the same lines again,
/// because every rule only shortens, and only what does not fit. It does not check the
/// postal code against the commune: `AddressCheck` does, and calls this with the
/// official spelling.
public enum AddressNormaliser {
    public static func normalise(_ address: DeliveryAddress) -> NormalisedAddress {
        normalise(address, table: .standard)
    }

    static func normalise(_ address: DeliveryAddress, table: AbbreviationTable) -> NormalisedAddress {
        var shortened = false
        func personLine(_ text: String, _ abbreviations: AbbreviationTable.Words) -> String {
            let (line, cut) = Self.personLine(text, abbreviations: abbreviations)
            shortened = shortened || cut
            return line
        }
        let street = streetLine(address.street, table: table)
        let locality = localityLine(address.locality, table: table)
        let postalCode = String(AddressText.words(address.postalCode).joined().prefix(10))
        var parsed = DeliveryLocality.parse(commune: address.commune, postalCode: postalCode, cedex: address.cedex)
        // La Poste's CEDEX numbers have one or two digits; `AddressCheck` refuses more.
        parsed.cedex = parsed.cedex.map { String($0.prefix(2)) }
        let budget = min(AddressText.maximumLabelLength, AddressText.maximumLineLength - postalCode.count - 1)
        let commune = DeliveryLocality.render(parsed.name, cedex: parsed.cedex, limit: budget, table: table)
        return NormalisedAddress(
            recipient: personLine(address.recipient, table.titles),
            deliveryPoint: personLine(address.deliveryPoint, table.deliveryPoints),
            building: personLine(address.building, table.deliveryPoints),
            street: street,
            locality: locality.line,
            postalCode: postalCode,
            deliveryLocality: commune.name,
            cedex: parsed.cedex,
            isShortened: shortened || street.stage == .cut || locality.stage == .cut || commune.isCut
        )
    }

    /// L4: number, suffix, and the label fitted in 32 characters and the line in 38.
    static func streetLine(_ typed: String, table: AbbreviationTable) -> StreetLine {
        let parsed = ParsedStreet(typed, table: table)
        let prefix = parsed.numberPart
        let fitted = fit(type: parsed.type, typeWords: parsed.typeWords, nameWords: parsed.nameWords,
                         reserved: prefix.isEmpty ? 0 : prefix.count + 1, labelLimit: AddressText.maximumLabelLength, table: table)
        func line(_ label: [String]) -> String { ([prefix] + label).filter { !$0.isEmpty }.joined(separator: " ") }
        return StreetLine(number: parsed.number, suffix: parsed.suffix, streetType: parsed.type,
                          name: parsed.nameWords.joined(separator: " "), label: fitted.words.joined(separator: " "),
                          stage: fitted.stage, line: line(fitted.words), fullLine: line(parsed.typeWords + parsed.nameWords))
    }

    /// L5: a lieu-dit (`LIEU DIT`, shortened to `LD` only when needed, like a street type)
    /// or a delivery service, always written `BP 123`, `CS 30001`, `TSA 10001`.
    static func localityLine(_ typed: String, table: AbbreviationTable) -> (line: String, stage: AbbreviationStage) {
        var words = AddressText.words(typed)
        for letters in [["B", "P"], ["C", "S"], ["T", "S", "A"]] where words.starts(with: letters) {
            words.replaceSubrange(0..<letters.count, with: [letters.joined()])
        }
        words = AbbreviationTable.replacing(words, using: table.services)
        var typeWords: [String] = []
        var type: AbbreviationTable.StreetType?
        if let found = table.streetType(startingAt: words[...]) {
            type = found.type
            if case .standard(let spelling) = found.form { typeWords = spelling } else { typeWords = found.type.full.split(separator: " ").map(String.init) }
            words.removeFirst(found.length)
        }
        let fitted = fit(type: type, typeWords: typeWords, nameWords: words, reserved: 0,
                         labelLimit: AddressText.maximumLineLength, table: table)
        return (fitted.words.joined(separator: " "), fitted.stage)
    }

    /// L1 to L3: tidied and, only beyond 38 characters, abbreviated (`Appartement` → `APT`)
    /// then shortened as a last resort (`AddressText.shorten`).
    static func personLine(_ typed: String, abbreviations: AbbreviationTable.Words) -> (line: String, cut: Bool) {
        let tidied = AddressText.tidied(typed)
        let limit = AddressText.maximumLineLength
        guard tidied.count > limit else { return (tidied, false) }
        var words = tidied.split(separator: " ").map(String.init)
        var index = 0
        while index < words.count {
            for length in stride(from: min(abbreviations.longest, words.count - index), through: 1, by: -1) {
                let key = words[index..<index + length].map { AddressText.words($0).joined() }.joined(separator: " ")
                if let short = abbreviations[key] {
                    words.replaceSubrange(index..<index + length, with: [short])
                    break
                }
            }
            index += 1
        }
        if AddressText.length(words) <= limit { return (words.joined(separator: " "), false) }
        return (AddressText.shorten(words, toFit: limit).joined(separator: " "), true)
    }
}
