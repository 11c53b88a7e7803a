/// An email address as people type it into forms.
///
/// The check is deliberately pragmatic (RFC 5321 limits, one `@`, a dotted domain, no
/// spaces or control characters): the real proof that an address works is the
/// confirmation message sent to it.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public let value: String
    /// The longest address SMTP carries (RFC 5321), in bytes.
    public static let maximumLength = 254

    public init?(_ raw: String) {
        let text = Text.normalized(raw)
        guard text.utf8.count <= Self.maximumLength, !Text.containsControlCharacters(text) else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty else { return nil }
        let forbidden: Set<Character> = [" ", "\t", "\n", "<", ">", "(", ")", "[", "]", ",", ";", ":", "\\", "\""]
        guard !text.contains(where: { forbidden.contains($0) }) else { return nil }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }) else { return nil }
        guard let tld = labels.last, tld.count >= 2, !tld.allSatisfy(\.isNumber) else { return nil }
        // The domain part is case-insensitive; the local part is kept as typed.
        value = "\(local)@\(domain.lowercased())"
    }

    public var description: String { value }

    /// Why a typed address is refused, in the words shown next to the field.
    public struct Refusal: Error, Sendable, Equatable {
        public let message: String
    }

    /// The message for an address that cannot be one, in every form.
    public static let invalidMessage = "Saisissez une adresse électronique valide, par exemple nom@exemple.com."
    /// The hint under every email field.
    public static let hint = "Exemple : nom@exemple.com"

    /// Reads the address typed in a procedure's form; `whenEmpty` says what to type.
    public static func read(_ typed: String, whenEmpty: String) -> Result<EmailAddress, Refusal> {
        if Text.normalized(typed).isEmpty { return .failure(Refusal(message: whenEmpty)) }
        guard let address = EmailAddress(typed) else {
            return .failure(Refusal(message: invalidMessage))
        }
        return .success(address)
    }

    /// The address as a key for comparisons: mailbox providers treat the local part
    /// case-insensitively in practice, so "two addresses typed differently" means this.
    public var comparisonKey: String { value.lowercased() }
}
