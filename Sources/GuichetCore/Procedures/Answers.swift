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

/// A postal address of the change-of-address declaration: the structured input and,
/// once checked, the lines sent — La Poste's proposal, or the input the person kept.
public struct DeliveryAnswer: Sendable, Equatable, Codable {
    public var input: DeliveryAddress
    public var decision: AddressReview.Decision
    /// The lines to send, top to bottom; empty until the address has been checked.
    public var lines: [String]
    /// The person refused the proposal: the organisations receive the address as typed.
    public var keptAsTyped: Bool
    public var inseeCode: String?
    /// The commune's official name (`Sainte-Marie`, where L6 writes `STE MARIE`), for the
    /// profile and the plain address answers it may pre-fill.
    public var communeName: String?
    /// La Poste's form of the input, shown for a decision; never stored.
    public var proposal: [String]?

    public init(input: DeliveryAddress, decision: AddressReview.Decision = .undecided, lines: [String] = [],
                keptAsTyped: Bool = false, inseeCode: String? = nil, communeName: String? = nil, proposal: [String]? = nil) {
        self.input = input
        self.decision = decision
        self.lines = lines
        self.keptAsTyped = keptAsTyped
        self.inseeCode = inseeCode
        self.communeName = communeName
        self.proposal = proposal
    }

    /// The lines to show: the checked ones, or the input's while it is unchecked.
    public var display: [String] { lines.isEmpty ? AddressReview.typedLines(input) : lines }

    /// The address in the two free lines of a profile or a plain address answer: the
    /// street (or, without one, the lieu-dit or box) first, the other parts after it.
    public var postalAddress: PostalAddress {
        let parts = [input.deliveryPoint, input.building, input.street, input.locality].filter { !$0.isEmpty }
        let first = input.street.isEmpty ? (input.locality.isEmpty ? parts.first : input.locality) : input.street
        let rest = parts.filter { $0 != first }.joined(separator: ", ")
        let cedex = input.cedex.map { $0.isEmpty ? " CEDEX" : " CEDEX \($0)" } ?? ""
        let commune = keptAsTyped ? input.commune : communeName ?? input.commune
        return PostalAddress(line1: first ?? "", line2: rest, postalCode: input.postalCode, city: commune + cedex, inseeCode: inseeCode)
    }
}

/// An organisation chosen in a file-number field, and the number it knows the person by.
public struct FileNumberAnswer: Sendable, Equatable, Codable {
    public var organisation: String
    public var number: String
    /// A number typed without ticking its organisation: refused, so nothing typed is
    /// silently dropped. Nil once checked.
    public var unticked: Bool?

    public init(organisation: String, number: String, unticked: Bool? = nil) {
        self.organisation = organisation
        self.number = number
        self.unticked = unticked
    }
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
    /// A La Poste address (`deliveryAddress` fields).
    case delivery(DeliveryAnswer)
    /// The organisations chosen and their file numbers (`fileNumbers` fields).
    case fileNumbers([FileNumberAnswer])

    public var isEmpty: Bool {
        switch self {
        case .text(let text): text.isEmpty
        case .choices(let values): values.isEmpty
        case .address(let address): address.line1.isEmpty && address.postalCode.isEmpty && address.city.isEmpty && address.line2.isEmpty
        case .commune(let commune): commune.postalCode.isEmpty && commune.name.isEmpty
        case .attachment: false
        case .delivery(let answer): AddressReview.typedLines(answer.input).isEmpty
        case .fileNumbers(let entries): entries.isEmpty
        }
    }

    /// The INSEE code of the commune an address or commune answer was matched to.
    public var inseeCode: String? {
        switch self {
        case .address(let address): address.inseeCode
        case .commune(let commune): commune.inseeCode
        case .delivery(let answer): answer.inseeCode
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
