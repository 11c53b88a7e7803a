/// The raw fields of a submitted step, as name/value pairs (repeated names for
/// checkboxes). The web layer builds it from the request body.
public struct SubmittedFields: Sendable {
    private let pairs: [(name: String, value: String)]

    public init(_ pairs: [(String, String)]) {
        self.pairs = pairs.map { (name: $0.0, value: $0.1) }
    }

    public subscript(name: String) -> String { pairs.first { $0.name == name }?.value ?? "" }

    public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }
}

/// The form names of a field's inputs. An address or commune has several inputs,
/// named `<id>.<part>`; errors are shown next to the part at fault.
public enum FieldNames {
    public static func line1(_ id: String) -> String { id + ".ligne1" }
    public static func line2(_ id: String) -> String { id + ".ligne2" }
    public static func postalCode(_ id: String) -> String { id + ".codePostal" }
    public static func commune(_ id: String) -> String { id + ".commune" }
    /// A La Poste address (`deliveryAddress`): L2, L3, L4 and L5, then the postal code
    /// and the commune above; the refusal box and the *Valider* button.
    public static func deliveryPoint(_ id: String) -> String { id + ".pointDeRemise" }
    public static func building(_ id: String) -> String { id + ".batiment" }
    public static func street(_ id: String) -> String { id + ".voie" }
    public static func locality(_ id: String) -> String { id + ".lieuDit" }
    public static func keepTyped(_ id: String) -> String { id + ".refus" }
    public static func acceptProposal(_ id: String) -> String { id + ".valider" }
    /// The proposal shown beside the refusal box (a hidden input).
    public static func shownProposal(_ id: String) -> String { id + ".proposition" }
    /// A `fileNumbers` field: the box that picks one organisation, and its number.
    public static func fileNumberChosen(_ id: String, _ organisation: String) -> String { id + "." + organisation + ".choisi" }
    public static func fileNumber(_ id: String, _ organisation: String) -> String { id + "." + organisation }

    /// An attachment: the wallet document chosen, and whether to keep an upload in the wallet.
    public static func walletDocument(_ id: String) -> String { id + ".document" }
    public static func keepInWallet(_ id: String) -> String { id + ".conserver" }

    /// The input the error summary links to for a field.
    public static func first(_ field: FieldDefinition) -> String {
        switch field.type {
        case .address: line1(field.id)
        case .commune: postalCode(field.id)
        case .deliveryAddress: street(field.id)
        case .fileNumbers: field.organisations.first.map { fileNumberChosen(field.id, $0.value) } ?? field.id
        default: field.id
        }
    }
}

extension Step {
    /// What the user typed on this step, tidied (Unicode normalisation, spaces trimmed)
    /// but not judged: shown again as typed when the step has errors. Attachments are
    /// handled by the caller (files and wallet choices).
    public func typedAnswers(_ input: SubmittedFields) -> Answers {
        var answers = Answers()
        for field in fields {
            switch field.type {
            case .attachment:
                continue
            case .checkboxes:
                answers[field.id] = .choices(input.all(field.id).map(Text.normalized).filter { !$0.isEmpty })
            case .address:
                answers[field.id] = .address(PostalAddress(line1: Text.normalized(input[FieldNames.line1(field.id)]),
                                                           line2: Text.normalized(input[FieldNames.line2(field.id)]),
                                                           postalCode: Text.normalized(input[FieldNames.postalCode(field.id)]),
                                                           city: Text.normalized(input[FieldNames.commune(field.id)])))
            case .commune:
                answers[field.id] = .commune(CommuneAnswer(postalCode: Text.normalized(input[FieldNames.postalCode(field.id)]),
                                                           name: Text.normalized(input[FieldNames.commune(field.id)])))
            case .deliveryAddress:
                answers[field.id] = .delivery(Self.deliveryAnswer(field.id, input))
            case .moveDate:
                // Not trimmed: a space typed around the date is refused by its own rule.
                answers[field.id] = .text(input[field.id].precomposedStringWithCanonicalMapping)
            case .fileNumbers:
                answers[field.id] = .fileNumbers(field.organisations.map(\.value).compactMap { organisation in
                    let number = Text.normalized(input[FieldNames.fileNumber(field.id, organisation)])
                    if !input[FieldNames.fileNumberChosen(field.id, organisation)].isEmpty {
                        return FileNumberAnswer(organisation: organisation, number: number)
                    }
                    return number.isEmpty ? nil : FileNumberAnswer(organisation: organisation, number: number, unticked: true)
                })
            default:
                answers[field.id] = .text(Text.normalized(input[field.id]))
            }
        }
        return answers
    }

    /// The parts of a La Poste address and the decision: *Valider* sends the proposal's
    /// lines (one per line of the button's value), the box keeps the input.
    static func deliveryAnswer(_ id: String, _ input: SubmittedFields) -> DeliveryAnswer {
        let typed = DeliveryAddress(deliveryPoint: Text.normalized(input[FieldNames.deliveryPoint(id)]),
                                    building: Text.normalized(input[FieldNames.building(id)]),
                                    street: Text.normalized(input[FieldNames.street(id)]),
                                    locality: Text.normalized(input[FieldNames.locality(id)]),
                                    postalCode: Text.normalized(input[FieldNames.postalCode(id)]),
                                    commune: Text.normalized(input[FieldNames.commune(id)]))
        return DeliveryAnswer(input: typed, decision: .read(accepted: input[FieldNames.acceptProposal(id)], keep: input[FieldNames.keepTyped(id)],
                                                            shown: input[FieldNames.shownProposal(id)]))
    }
}
