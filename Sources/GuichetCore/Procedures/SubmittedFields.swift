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
    /// An attachment: the wallet document chosen, and whether to keep an upload in the wallet.
    public static func walletDocument(_ id: String) -> String { id + ".document" }
    public static func keepInWallet(_ id: String) -> String { id + ".conserver" }

    /// The input the error summary links to for a field.
    public static func first(_ field: FieldDefinition) -> String {
        switch field.type {
        case .address: line1(field.id)
        case .commune: postalCode(field.id)
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
            default:
                answers[field.id] = .text(Text.normalized(input[field.id]))
            }
        }
        return answers
    }
}
