import Foundation

public enum Civility: String, Sendable, Codable, CaseIterable {
    case madame
    case monsieur

    public var label: String {
        switch self {
        case .madame: "Madame"
        case .monsieur: "Monsieur"
        }
    }
}

/// *Mes coordonnées*: what an account knows about its owner, used to pre-fill procedures.
public struct Profile: Sendable, Equatable, Codable {
    public var civility: Civility?
    public var lastName: String
    public var firstNames: String
    public var birthDate: CalendarDate?
    public var birthPlace: String
    public var addressLine1: String
    public var addressLine2: String
    public var postalCode: String
    public var city: String
    public var mobilePhone: PhoneNumber?
    public var landlinePhone: PhoneNumber?

    public init(civility: Civility? = nil, lastName: String = "", firstNames: String = "", birthDate: CalendarDate? = nil,
                birthPlace: String = "", addressLine1: String = "", addressLine2: String = "", postalCode: String = "",
                city: String = "", mobilePhone: PhoneNumber? = nil, landlinePhone: PhoneNumber? = nil) {
        self.civility = civility
        self.lastName = lastName
        self.firstNames = firstNames
        self.birthDate = birthDate
        self.birthPlace = birthPlace
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.postalCode = postalCode
        self.city = city
        self.mobilePhone = mobilePhone
        self.landlinePhone = landlinePhone
    }

    public var fullName: String { [firstNames, lastName].filter { !$0.isEmpty }.joined(separator: " ") }
}

extension PhoneNumber: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = PhoneNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a phone number"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(e164)
    }
}

/// Checks on names and places people type.
public enum PersonalText {
    public static let maximumLength = 100

    /// A name: letters (with accents), spaces, hyphens, apostrophes, dots.
    public static func nameProblem(_ text: String, label: String, required: Bool) -> FieldMessage? {
        if text.isEmpty { return required ? FieldMessage("Saisissez \(label).") : nil }
        if text.count > maximumLength { return FieldMessage("\(label.prefix(1).uppercased() + label.dropFirst()) doit compter au plus \(maximumLength) caractères.") }
        guard text.allSatisfy({ $0.isLetter || " -'’.".contains($0) }), text.contains(where: \.isLetter) else {
            return FieldMessage("\(label.prefix(1).uppercased() + label.dropFirst()) ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.")
        }
        return nil
    }

    /// Free text on one line (an address line, a place): no control characters, no markup.
    public static func lineProblem(_ text: String, label: String, required: Bool, maximum: Int = maximumLength) -> FieldMessage? {
        if text.isEmpty { return required ? FieldMessage("Saisissez \(label).") : nil }
        if text.count > maximum { return FieldMessage("\(label.prefix(1).uppercased() + label.dropFirst()) doit compter au plus \(maximum) caractères.") }
        if Text.containsControlCharacters(text) || text.contains(where: { "<>{}[]\\|^`\"".contains($0) }) {
            return FieldMessage("\(label.prefix(1).uppercased() + label.dropFirst()) contient des caractères non autorisés.")
        }
        return nil
    }
}
