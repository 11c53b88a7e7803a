/// The *identifiant* a person chooses (SPEC §1): 3 to 64 characters among a–z, 0–9,
/// `.`, `_` and `-`. It is kept in lower case, so two identifiers that differ only by
/// case are the same account: a capitalisation slip can never reach someone else.
public struct AccountIdentifier: Sendable, Hashable, CustomStringConvertible {
    public static let lengthRange = 3...64
    public static let rulesHint = "De 3 à 64 caractères : lettres sans accent, chiffres, point (.), tiret (-) ou tiret bas (_). Les majuscules sont enregistrées en minuscules. L'identifiant ne pourra plus être modifié."

    public let value: String

    /// The canonical form of what someone typed to sign in or recover an account:
    /// any case is accepted.
    public static func lookupKey(_ typed: String) -> String {
        Text.normalized(typed).lowercased()
    }

    public init(validated value: String) {
        self.value = value
    }

    /// Checks a new identifier; the error is the French message for the field.
    public static func validate(_ typed: String) -> Result<AccountIdentifier, FieldMessage> {
        let value = lookupKey(typed)
        if value.isEmpty { return .failure("Choisissez un identifiant.") }
        guard lengthRange.contains(value.count) else {
            return .failure(FieldMessage("Votre identifiant doit compter de 3 à 64 caractères : il en compte \(value.count)."))
        }
        guard value.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) }) else {
            return .failure("Votre identifiant ne peut contenir que des lettres sans accent, des chiffres, des points, des tirets et des tirets bas.")
        }
        return .success(AccountIdentifier(validated: value))
    }

    public var description: String { value }
}

/// A French message about one field.
public struct FieldMessage: Error, Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public init(stringLiteral value: String) {
        text = value
    }

    public var description: String { text }
}
