/// A telephone number in international (E.164) form, from what people type:
/// `06 12 34 56 78`, `06.12.34.56.78`, `+33 6 12 34 56 78`, `0033612345678`.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// `+33612345678`
    public let e164: String

    public init?(_ typed: String) {
        var digits = Text.normalized(typed).filter { !" .-()/".contains($0) }
        if digits.hasPrefix("00") { digits = "+" + digits.dropFirst(2) }
        if digits.hasPrefix("0"), digits.count == 10, digits.allSatisfy(\.isNumber), digits.dropFirst().first != "0" {
            digits = "+33" + digits.dropFirst()
        }
        guard digits.hasPrefix("+"), (9...16).contains(digits.count),
              digits.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }), digits.dropFirst().first != "0" else { return nil }
        if digits.hasPrefix("+33"), digits.count != 12 { return nil }
        e164 = digits
    }

    /// French mobile numbers start with 06 or 07.
    public var isFrenchMobile: Bool { e164.hasPrefix("+336") || e164.hasPrefix("+337") }

    /// `06 12 34 56 78` for French numbers, the E.164 form otherwise.
    public var display: String {
        guard e164.hasPrefix("+33") else { return e164 }
        let national = Array("0" + e164.dropFirst(3))
        return stride(from: 0, to: national.count, by: 2).map { String(national[$0..<min($0 + 2, national.count)]) }.joined(separator: " ")
    }

    /// The last two digits only, to remind someone which phone gets the code.
    public var masked: String { "•• •• •• •• " + String(e164.suffix(2)) }

    public var description: String { e164 }
}
