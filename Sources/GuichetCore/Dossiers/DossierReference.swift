/// The reference of a transmitted dossier (SPEC §4): `A-1-` for a dossier submitted from
/// an account, `A-2-` without one, then eight random characters and a check character,
/// e.g. `A-1-7KQ2M9XH4`.
///
/// The characters come from `SecureToken.readableAlphabet` (31 symbols, no 0/O, 1/I/L),
/// so 31⁸ ≈ 8.5 × 10¹¹ references per kind: unguessable, and short enough to read on
/// the phone. The check character is a weighted sum modulo 31 (a prime): any single
/// wrong character, any swap of two neighbouring random characters and a wrong kind
/// are detected.
public struct DossierReference: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Int, Sendable {
        case account = 1
        case anonymous = 2
    }

    public static let randomLength = 8
    static let alphabet = SecureToken.readableAlphabet

    public let kind: Kind
    /// The eight random characters.
    public let body: String

    /// A new reference from the system's CSPRNG.
    public static func generate(kind: Kind) -> DossierReference {
        DossierReference(kind: kind, body: SecureToken.code(length: randomLength))
    }

    /// A reference from its kind and random part (eight characters of the alphabet).
    public init(kind: Kind, body: String) {
        precondition(body.count == Self.randomLength && body.allSatisfy(Self.alphabet.contains), "not a reference body: \(body)")
        self.kind = kind
        self.body = body
    }

    public var check: Character { Self.checkCharacter(kind: kind, body: body) }

    /// `A-1-7KQ2M9XH4`
    public var description: String { "A-\(kind.rawValue)-\(body)\(check)" }

    static func checkCharacter(kind: Kind, body: String) -> Character {
        var sum = 10 * kind.rawValue
        for (index, character) in body.enumerated() {
            sum += (index + 1) * (alphabet.firstIndex(of: character) ?? 0)
        }
        return alphabet[sum % alphabet.count]
    }

    /// Why a typed reference cannot be one of ours, in the words shown next to the field.
    public enum Problem: Error, Sendable, Equatable {
        case malformed
        case unusedCharacter(Character)
        case mistyped

        public var message: String {
            switch self {
            case .malformed:
                "Une référence commence par A-1 ou A-2, suivis de 9 lettres et chiffres, par exemple \(DossierReference.example)."
            case .unusedCharacter(let character):
                "Une référence ne contient jamais le caractère « \(character) » (ni O, I, L, 0 ou 1, qui se confondent) : vérifiez-la dans votre courriel de confirmation."
            case .mistyped:
                "Cette référence contient une erreur : un caractère est sans doute mal recopié. Vérifiez-la dans votre courriel de confirmation."
            }
        }
    }

    /// A valid reference for examples in messages and documentation.
    public static let example = DossierReference(kind: .account, body: "7KQ2M9XH").description

    /// Reads a reference as people type it: any case, spaces or no dashes.
    public static func parse(_ typed: String) -> Result<DossierReference, Problem> {
        let compact = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "–" }
        guard compact.count == 2 + randomLength + 1, compact.hasPrefix("A"),
              let kind = compact.dropFirst().first.flatMap({ Int(String($0)) }).flatMap(Kind.init(rawValue:)) else {
            return .failure(.malformed)
        }
        let rest = compact.dropFirst(2)
        if let unused = rest.first(where: { !alphabet.contains($0) }) {
            return .failure(unused.isLetter || unused.isNumber ? .unusedCharacter(unused) : .malformed)
        }
        let reference = DossierReference(kind: kind, body: String(rest.prefix(randomLength)))
        guard reference.check == rest.last else { return .failure(.mistyped) }
        return .success(reference)
    }
}

/// What lets someone without an account resume a saved dossier (SPEC §4): the
/// *numéro de télédossier* (in the link) and a password (stored hashed; the link alone
/// is not enough).
public enum ResumeCredentials {
    public static let numberLength = 10
    public static let passwordLength = 12

    public static func newNumber() -> String { SecureToken.code(length: numberLength) }
    public static func newPassword() -> String { SecureToken.code(length: passwordLength) }

    /// The number as typed, tidied: upper case, without spaces or dashes.
    public static func normalizedNumber(_ typed: String) -> String {
        String(typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }.prefix(40))
    }
}
