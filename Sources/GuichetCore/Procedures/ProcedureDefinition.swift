import Foundation

/// A procedure of the catalogue, as declared in a file under `Procedures/` and checked
/// by `ProcedureLoader` (see `docs/procedures.md`).
public struct Procedure: Sendable, Identifiable {
    public let id: String
    public let title: String
    public let description: String
    public let nature: ProcedureNature
    public let themes: [ProcedureTheme]
    public let audiences: [Audience]
    public let processedBy: [ProcessingOrganisation]
    public let accountRequired: Bool
    public let savingOffered: Bool
    /// The CERFA number without the prefix, e.g. `12669*02`.
    public let cerfa: String?
    /// False for an entry announced in the catalogue but not yet open.
    public let available: Bool
    /// Words people may search with that the title does not contain.
    public let keywords: [String]
    /// What happens once the dossier is transmitted (confirmation page and email).
    public let afterSubmission: String
    /// For procedures open without an account: the email field whose address receives
    /// the confirmation and the resume link.
    public let contactEmailField: String?
    public let steps: [Step]
    /// The address a dossier may copy into *Mes coordonnées*, when the person ticks the
    /// consent field (SPEC §5: never by itself).
    public let profileUpdate: ProfileAddressUpdate?

    public var fields: [FieldDefinition] { steps.flatMap(\.fields) }
    /// Every field answered by typing or choosing (all but attachments).
    public var typedFields: [FieldDefinition] { steps.flatMap(\.typedFields) }

    public func field(_ id: String) -> FieldDefinition? { fields.first { $0.id == id } }

    /// `cerfa n°12669*02`
    public var cerfaLabel: String? { cerfa.map { "cerfa n°\($0)" } }

    /// Whether a dossier can be started on the portal.
    public var canBeFilledOnline: Bool { available && nature.isFilledOnline }
}

/// `"updatesProfile": {"address": "nouvelleAdresse", "consent": "majProfil"}`: the
/// address field copied into the profile and the one-box checkboxes field that allows it.
/// The consent concerns the portal only: it is never transmitted.
public struct ProfileAddressUpdate: Sendable, Equatable {
    public let addressField: String
    public let consentField: String
}

/// One page of the form: a title and the questions asked on it.
public struct Step: Sendable {
    public let title: String
    public let intro: String?
    public let fields: [FieldDefinition]

    /// The fields answered by typing or choosing, read from the form's text parts.
    public var typedFields: [FieldDefinition] { fields.filter { $0.type != .attachment } }
    /// The fields answered with a document (a file or a wallet document).
    public var attachmentFields: [FieldDefinition] { fields.filter { $0.type == .attachment } }
    public var hasAttachments: Bool { fields.contains { $0.type == .attachment } }
}

/// Who receives the dossier: a registered organisation, or the town hall of the commune
/// the user gives in an address or commune field.
public enum ProcessingOrganisation: Sendable, Equatable {
    case organisation(String)
    case townHallOf(field: String)
    /// The organisations the person picks in a `fileNumbers` field, one transmission each.
    case chosenIn(field: String)
}

public enum FieldType: String, CaseIterable, Sendable {
    case text, number, date, choice, checkboxes, email, phone, address, commune, attachment
    /// The move date of a change of address: `JJ/MM/AAAA` within [today − 1 month,
    /// today + 3 months] (`MoveDate`).
    case moveDate
    /// A postal address in La Poste's structure, normalised (`AddressReview`).
    case deliveryAddress
    /// Organisations to pick, each with its own file number checked by its rule
    /// (`FileNumberRule`); each organisation receives only its own.
    case fileNumbers
}

public struct ChoiceOption: Sendable, Equatable {
    public let value: String
    public let label: String
}

/// A question.
public struct FieldDefinition: Sendable {
    public let id: String
    public let type: FieldType
    public let label: String
    public let hint: String?
    public let required: Bool
    /// Text: several lines.
    public let multiline: Bool
    public let minLength: Int?
    public let maxLength: Int?
    /// Text: a regular expression the whole answer must match, and what to say otherwise.
    public let pattern: FieldPattern?
    public let patternMessage: String?
    /// Number: bounds, inclusive.
    public let minimum: Int?
    public let maximum: Int?
    /// Date: bounds, inclusive, usually relative to the day of filling.
    public let notBefore: DateBound?
    public let notAfter: DateBound?
    public let notBeforeMessage: String?
    public let notAfterMessage: String?
    public let choices: [ChoiceOption]
    public let prefill: ProfileBinding?
    /// `fileNumbers`: the organisations offered, in order (id and name).
    public let organisations: [ChoiceOption]

    /// The label of a choice value, or the value itself.
    public func choiceLabel(_ value: String) -> String {
        choices.first { $0.value == value }?.label ?? value
    }

    /// The longest answer accepted for a text field (with or without a stated maximum).
    public var effectiveMaxLength: Int {
        maxLength ?? (multiline ? 2000 : 200)
    }
}

/// A date limit: a fixed day, or today shifted by days, months or years.
public enum DateBound: Sendable, Equatable, CustomStringConvertible {
    case fixed(CalendarDate)
    case today(days: Int, months: Int)

    /// `today`, `today-16y`, `today+3m`, `today-30d`, or `AAAA-MM-JJ`.
    public init?(_ text: String) {
        if let date = CalendarDate(iso: text), text.count == 10 {
            self = .fixed(date)
            return
        }
        guard text.hasPrefix("today") else { return nil }
        let rest = text.dropFirst(5)
        if rest.isEmpty {
            self = .today(days: 0, months: 0)
            return
        }
        guard let sign = rest.first, sign == "+" || sign == "-", let unit = rest.last,
              let amount = Int(rest.dropFirst().dropLast()), amount >= 0, amount <= 1200,
              rest.dropFirst().dropLast().allSatisfy(\.isNumber) else { return nil }
        let signed = sign == "-" ? -amount : amount
        switch unit {
        case "d": self = .today(days: signed, months: 0)
        case "m": self = .today(days: 0, months: signed)
        case "y": self = .today(days: 0, months: signed * 12)
        default: return nil
        }
    }

    public func resolve(today: CalendarDate) -> CalendarDate {
        switch self {
        case .fixed(let date): date
        case .today(let days, let months): today.adding(months: months).adding(days: days)
        }
    }

    public var description: String {
        switch self {
        case .fixed(let date): date.iso
        case .today(let days, let months):
            days != 0 ? "today\(days > 0 ? "+" : "")\(days)d" : months == 0 ? "today" : "today\(months > 0 ? "+" : "")\(months)m"
        }
    }
}
