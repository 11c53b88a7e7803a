import Foundation

/// A postal address as the user gave it; `inseeCode` is the commune it was matched to.
public struct PostalAddress: Sendable, Equatable, Codable {
    public var line1: String
    public var line2: String
    public var postalCode: String
    public var city: String
    public var inseeCode: String?

    public init(line1: String, line2: String = "", postalCode: String, city: String, inseeCode: String? = nil) {
        self.line1 = line1
        self.line2 = line2
        self.postalCode = postalCode
        self.city = city
        self.inseeCode = inseeCode
    }

    public var lines: [String] {
        [line1, line2, "\(postalCode) \(city)".trimmingCharacters(in: .whitespaces)].filter { !$0.isEmpty }
    }
}

/// A commune named by its postal code and name; `inseeCode` once matched.
public struct CommuneAnswer: Sendable, Equatable, Codable {
    public var postalCode: String
    public var name: String
    public var inseeCode: String?

    public init(postalCode: String, name: String, inseeCode: String? = nil) {
        self.postalCode = postalCode
        self.name = name
        self.inseeCode = inseeCode
    }

    public var display: String { "\(name) (\(postalCode))" }
}

/// One answer of a dossier.
public enum AnswerValue: Sendable, Equatable, Codable {
    /// Text, number, date (JJ/MM/AAAA), choice value, email, phone.
    case text(String)
    /// The values of the checked boxes.
    case choices([String])
    case address(PostalAddress)
    case commune(CommuneAnswer)
    /// An attached document of the dossier.
    case attachment(UUID)

    public var isEmpty: Bool {
        switch self {
        case .text(let text): text.isEmpty
        case .choices(let values): values.isEmpty
        case .address(let address): address.line1.isEmpty && address.postalCode.isEmpty && address.city.isEmpty && address.line2.isEmpty
        case .commune(let commune): commune.postalCode.isEmpty && commune.name.isEmpty
        case .attachment: false
        }
    }

    /// The INSEE code of the commune an address or commune answer was matched to.
    public var inseeCode: String? {
        switch self {
        case .address(let address): address.inseeCode
        case .commune(let commune): commune.inseeCode
        default: nil
        }
    }
}

/// Every answer of a dossier, by field id.
public struct Answers: Sendable, Equatable, Codable {
    public private(set) var values: [String: AnswerValue]

    public init(_ values: [String: AnswerValue] = [:]) {
        self.values = values
    }

    public subscript(field: String) -> AnswerValue? {
        get { values[field] }
        set {
            if let newValue, !newValue.isEmpty { values[field] = newValue } else { values[field] = nil }
        }
    }

    /// Replaces the answers of some fields (a step) with new ones; a field without a new
    /// answer is cleared.
    public mutating func replace(fields: [String], with new: Answers) {
        for field in fields { self[field] = new[field] }
    }

    /// The attached documents the answers name.
    public var attachmentIDs: Set<UUID> {
        Set(values.values.compactMap { value in
            if case .attachment(let id) = value { return id }
            return nil
        })
    }

    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(self)) ?? Data("{\"values\":{}}".utf8), as: UTF8.self)
    }

    public static func decode(_ text: String) -> Answers {
        (try? JSONDecoder().decode(Answers.self, from: Data(text.utf8))) ?? Answers()
    }
}
