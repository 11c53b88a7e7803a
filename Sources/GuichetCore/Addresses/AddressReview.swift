/// The rule shared by every form that takes a postal address to La Poste standards (the
/// change-of-address declaration, *Mes coordonnées*): the input is checked, and when La
/// Poste would write it differently the person sees *Votre saisie* beside *Adresse
/// proposée* and decides — *Valider* takes the proposal, *Je refuse ces modifications*
/// keeps the input. Nothing is stored until one of them is chosen (SPEC §5).
public enum AddressReview {
    /// What the person chose on the form, read from its buttons and checkbox.
    public enum Decision: Sendable, Hashable, Codable {
        /// Nothing chosen yet.
        case undecided
        /// *Valider*, with the lines of the proposal the page showed: a proposal made for
        /// an input changed since is not taken on trust.
        case acceptProposal([String])
        /// *Je refuse ces modifications. Ma saisie sera conservée*, with the lines of the
        /// proposal it refused: a box ticked before the input changed does not keep the new one.
        case keepTyped([String])

        /// The decision a form sends: *Valider* (the button clicked wins over the box), or
        /// the box with the proposal shown beside it (a hidden input), or nothing. Button
        /// values come with CRLF line breaks.
        public static func read(accepted: String, keep: String, shown: String) -> Decision {
            let lines = { (text: String) in Text.normalized(text).components(separatedBy: "\n") }
            if !Text.normalized(accepted).isEmpty { return .acceptProposal(lines(accepted)) }
            if !keep.isEmpty, !Text.normalized(shown).isEmpty { return .keepTyped(lines(shown)) }
            return .undecided
        }

        public var keepsTyped: Bool {
            if case .keepTyped = self { return true }
            return false
        }
    }

    public enum Outcome: Sendable, Hashable {
        /// The address to keep: the proposal (accepted, or the input already was it) or
        /// the input as typed; the commune it was matched to.
        /// `decision` is what to store with it, so that checking it again settles it again.
        case settled(lines: [String], input: DeliveryAddress, keptAsTyped: Bool, commune: PostalCodeDirectory.Commune, decision: Decision)
        /// La Poste writes it differently: show the proposal and ask.
        case review(NormalisedAddress)
        case chooseCommune([PostalCodeDirectory.Commune])
        case refused(field: AddressField, message: String, suggestions: [AddressSuggestion])
    }

    public static let refusalLabel = "Je refuse ces modifications. Ma saisie sera conservée"
    public static let inexactWarning = "Attention : une adresse inexacte peut ne pas être prise en compte par les organismes et retarder votre courrier."
    public static let reviewMessage = "Vérifiez l'adresse proposée selon les normes de La Poste : validez-la, ou cochez « \(refusalLabel) »."

    public static func review(_ typed: DeliveryAddress, decision: Decision, check: AddressCheck) -> Outcome {
        switch check.check(typed) {
        case .refused(let field, let message, let suggestions):
            return .refused(field: field, message: message, suggestions: suggestions)
        case .chooseCommune(let communes):
            return .chooseCommune(communes)
        case .proposed(let proposal, let commune):
            if proposal.lines == typedLines(typed) {
                return .settled(lines: proposal.lines, input: proposal.asInput, keptAsTyped: false, commune: commune, decision: .undecided)
            }
            switch decision {
            case .acceptProposal(let shown) where shown == proposal.lines:
                return .settled(lines: proposal.lines, input: proposal.asInput, keptAsTyped: false, commune: commune, decision: .undecided)
            case .keepTyped(let shown) where shown == proposal.lines:
                return .settled(lines: typedLines(typed), input: typed, keptAsTyped: true, commune: commune, decision: decision)
            default:
                return .review(proposal)
            }
        }
    }

    /// The input as lines, in the person's own writing (what *Votre saisie* shows and what
    /// is kept when they refuse the proposal).
    public static func typedLines(_ typed: DeliveryAddress) -> [String] {
        let tidy = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        var last = [tidy(typed.postalCode), tidy(typed.commune)].filter { !$0.isEmpty }.joined(separator: " ")
        if let cedex = typed.cedex { last = [last, "CEDEX", tidy(cedex)].filter { !$0.isEmpty }.joined(separator: " ") }
        return [typed.recipient, typed.deliveryPoint, typed.building, typed.street, typed.locality].map(tidy).filter { !$0.isEmpty }
            + (last.isEmpty ? [] : [last])
    }

    /// The commune's name as its town hall writes it: the city's for an arrondissement
    /// (`Paris`), as the profile and the other address checks expect it.
    public static func officialName(_ commune: PostalCodeDirectory.Commune) -> String {
        commune.isArrondissement ? commune.municipality.name : commune.name
    }

    /// The message shown next to the commune when its postal code serves several.
    public static func chooseCommuneMessage(_ communes: [PostalCodeDirectory.Commune]) -> String {
        var names: [String] = []
        for commune in communes where !names.contains(commune.name) { names.append(commune.name) }
        return "Ce code postal dessert plusieurs communes : \(AddressMessages.enumeration(names)). Saisissez la vôtre."
    }
}
