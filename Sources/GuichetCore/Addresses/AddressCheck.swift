/// Checks the postal code of a typed address against its commune (the shipped La Poste /
/// INSEE file) and, when they agree, proposes the address as La Poste writes it.
///
/// Tolerant where people are: accents, case, hyphens, `St`/`Saint`, articles and one typo
/// in the commune name still find the commune, and the official spelling is proposed.
/// Strict where mail is lost: an unknown code, or a code that does not serve the commune,
/// is refused with the pairs that would be right.
///
/// CEDEX codes are not in the file (they belong to organisations, not places). A code
/// that is not a regular postal code is accepted with a CEDEX mention when the commune
/// exists in the code's department (its first two digits): that is how CEDEX codes are
/// allotted, and it still catches a code typed for the wrong town. Known limit: CEDEX
/// localities that are not communes (`PARIS LA DEFENSE CEDEX`) are refused.
public struct AddressCheck: Sendable {
    public let directory: PostalCodeDirectory
    let names: CommuneIndex

    public init(directory: PostalCodeDirectory) {
        self.directory = directory
        names = CommuneIndex(directory: directory)
    }

    public func check(_ address: DeliveryAddress) -> AddressVerdict {
        guard address.hasDeliveryLine else { return .refused(field: .street, message: AddressMessages.missingStreet, suggestions: []) }
        let code = address.postalCode.filter { !$0.isWhitespace }
        guard !code.isEmpty else { return .refused(field: .postalCode, message: AddressMessages.missingPostalCode, suggestions: []) }
        guard code.count == 5, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .refused(field: .postalCode, message: AddressMessages.malformedPostalCode, suggestions: [])
        }
        let typed = DeliveryLocality.parse(commune: address.commune, postalCode: code, cedex: address.cedex)
        if let cedex = typed.cedex, cedex.count > 2 {
            return .refused(field: .commune, message: AddressMessages.longCedexNumber, suggestions: [])
        }
        var address = address
        address.postalCode = code
        address.commune = typed.name
        address.cedex = typed.cedex
        let served = directory.communes(postalCode: code)

        if served.isEmpty {
            guard typed.cedex != nil else {
                let found = names.lookup(typed.name)
                return .refused(field: .postalCode, message: AddressMessages.unknownPostalCode + AddressMessages.codes(of: displayName(typed.name, found), found),
                                suggestions: Array(found.prefix(8)))
            }
            return checkCedex(address, code: code)
        }
        if typed.name.isEmpty {
            if typed.cedex != nil { return .refused(field: .commune, message: AddressMessages.missingCommuneBeforeCedex, suggestions: []) }
            return served.count == 1 ? propose(address, commune: served[0]) : .chooseCommune(served)
        }
        let matches = CommuneIndex.matches(typed.name, among: served)
        if matches.count == 1 { return propose(address, commune: matches[0]) }
        if matches.count > 1 { return .chooseCommune(matches) }

        let found = names.lookup(typed.name)
        let suggestions = found.prefix(5) + served.prefix(5).map { AddressSuggestion(postalCode: code, commune: $0) }
        let message = AddressMessages.served(by: code, served, typed: typed.name) + AddressMessages.codes(of: displayName(typed.name, found), found)
        // A commune that exists elsewhere points at the code; an unknown name, at the name.
        return .refused(field: found.isEmpty ? .commune : .postalCode, message: message, suggestions: unique(Array(suggestions)))
    }

    /// A code outside the file with a CEDEX mention: the commune must lie in its department.
    private func checkCedex(_ address: DeliveryAddress, code: String) -> AddressVerdict {
        let typedName = address.commune
        guard !typedName.isEmpty else { return .refused(field: .commune, message: AddressMessages.missingCommuneBeforeCedex, suggestions: []) }
        let found = names.lookup(typedName)
        let inDepartment = found.filter { Self.department($0.postalCode) == Self.department(code) }
        var communes: [PostalCodeDirectory.Commune] = []
        for suggestion in inDepartment {
            let municipality = suggestion.commune.municipality
            let commune = suggestion.commune.isArrondissement ? PostalCodeDirectory.Commune(inseeCode: municipality.inseeCode, name: municipality.name) : suggestion.commune
            if !communes.contains(where: { $0.inseeCode == commune.inseeCode }) { communes.append(commune) }
        }
        switch communes.count {
        case 0:
            return .refused(field: .postalCode, message: AddressMessages.cedexElsewhere(code, typed: typedName), suggestions: Array(found.prefix(8)))
        case 1:
            return propose(address, commune: communes[0])
        default:
            return .chooseCommune(communes)
        }
    }

    /// The normalised address with the official name (the city's for an arrondissement,
    /// since La Poste writes `75002 PARIS`), keeping an article the file leaves out.
    /// `address` holds the commune name as typed, its CEDEX mention apart.
    private func propose(_ address: DeliveryAddress, commune: PostalCodeDirectory.Commune) -> AddressVerdict {
        let official = commune.isArrondissement ? commune.municipality.name : commune.name
        var corrected = address
        let article = CommuneNames.article(typed: address.commune, official: official)
        corrected.commune = article.map { $0.hasSuffix("'") ? $0 + official : $0 + " " + official } ?? official
        return .proposed(AddressNormaliser.normalise(corrected), commune: commune)
    }

    /// The department a postal code belongs to, as CEDEX codes are allotted: `81013` → `81`,
    /// `20000` and `20200` → `20` (both Corsican departments share it). Overseas codes
    /// all give `97`: La Réunion's CEDEX codes start with 977, not 974.
    static func department(_ postalCode: String) -> String {
        String(postalCode.prefix(2))
    }

    /// The official name when every suggestion has the same one, else what was typed.
    private func displayName(_ typed: String, _ found: [AddressSuggestion]) -> String {
        let official = Set(found.map { $0.commune.isArrondissement ? $0.commune.municipality.name : $0.commune.name })
        return official.count == 1 ? official.first! : typed
    }

    private func unique(_ suggestions: [AddressSuggestion]) -> [AddressSuggestion] {
        var seen: Set<AddressSuggestion> = []
        return suggestions.filter { seen.insert($0).inserted }
    }
}

extension ReferenceData {
    /// The address check over the shipped postal-code file, built once per process.
    public static let addressCheck = AddressCheck(directory: postalCodes)
}
