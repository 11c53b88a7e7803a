/// What the address form shows after checking the postal code against the commune.
public enum AddressVerdict: Sendable, Hashable {
    /// The address La Poste would write, to show beside the input (*Valider* accepts it,
    /// *Je refuse ces modifications* keeps the input), and the commune it was matched to
    /// (the arrondissement for Paris, Lyon and Marseille; the city for a CEDEX there).
    case proposed(NormalisedAddress, commune: PostalCodeDirectory.Commune)
    /// The postal code serves several communes and the name does not single one out:
    /// the person picks one, and the form is checked again with its name.
    case chooseCommune([PostalCodeDirectory.Commune])
    /// Nothing can be proposed: a message for `field` and the postal codes and communes
    /// that would be right, best first.
    case refused(field: AddressField, message: String, suggestions: [AddressSuggestion])
}

/// The inputs of the address form that a refusal is shown next to.
public enum AddressField: String, Sendable, Hashable, CaseIterable {
    case street
    case postalCode
    case commune
}

/// A postal code and a commune it serves, offered when the typed pair does not match.
public struct AddressSuggestion: Sendable, Hashable {
    public let postalCode: String
    public let commune: PostalCodeDirectory.Commune

    public init(postalCode: String, commune: PostalCodeDirectory.Commune) {
        self.postalCode = postalCode
        self.commune = commune
    }

    /// `69100 Villeurbanne`, as the suggestion list shows it.
    public var label: String { "\(postalCode) \(commune.name)" }
}

/// The French messages of the address check, in one place so the wording stays consistent.
enum AddressMessages {
    static let missingStreet = "Saisissez le numéro et le nom de la voie, ou à défaut le lieu-dit ou la boîte postale."
    static let missingPostalCode = "Saisissez le code postal."
    static let malformedPostalCode = "Le code postal compte 5 chiffres, par exemple 75002."
    static let unknownPostalCode = "Ce code postal n'existe pas. Vérifiez-le sur votre courrier."
    static let missingCommuneBeforeCedex = "Saisissez la commune avant la mention CEDEX, par exemple « Albi Cedex 9 »."
    static let longCedexNumber = "Le numéro CEDEX compte 1 ou 2 chiffres, par exemple « Albi Cedex 9 »."

    /// `il dessert Lyon 1er Arrondissement.` / `il dessert 7 communes, dont Cambon, Carlus et Cunac.`
    static func served(by postalCode: String, _ communes: [PostalCodeDirectory.Commune], typed: String) -> String {
        var names: [String] = []
        for commune in communes where !names.contains(commune.name) { names.append(commune.name) }
        let list = names.count <= 4 ? enumeration(names) : "\(names.count) communes, dont \(enumeration(Array(names.prefix(3))))"
        return "Le code postal \(postalCode) ne dessert pas « \(typed) » : il dessert \(list)."
    }

    /// ` Le code postal de « Villeurbanne » est 69100.`, or nothing when the name is unknown.
    static func codes(of name: String, _ found: [AddressSuggestion]) -> String {
        var codes: [String] = []
        for suggestion in found where !codes.contains(suggestion.postalCode) { codes.append(suggestion.postalCode) }
        switch codes.count {
        case 0: return ""
        case 1: return " Le code postal de « \(name) » est \(codes[0])."
        case 2...5: return " Les codes postaux de « \(name) » sont \(enumeration(codes))."
        default: return " « \(name) » a \(codes.count) codes postaux : choisissez parmi les suggestions."
        }
    }

    static func cedexElsewhere(_ postalCode: String, typed: String) -> String {
        "Le code postal \(postalCode) ne correspond pas au département de « \(typed) ». Vérifiez le code CEDEX sur le courrier de l'organisme."
    }

    /// `A`, `A et B`, `A, B et C`.
    static func enumeration(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " et " + items.last!
    }
}
