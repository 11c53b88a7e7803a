/// The file number each organisation knows a person by, checked by its own rule before
/// the declaration is sent: a typo in it sends the new address to nobody.
public enum FileNumberRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// Numéro de sécurité sociale (NIR), for health insurance and pensions: 13 characters
    /// (2A/2B for Corsica at positions 6–7) and a 2-digit key = 97 − (number mod 97).
    case nir
    /// Numéro fiscal (SPI), for the tax administration: 13 digits, the last three being
    /// the first ten mod 511.
    case taxNumber
    /// Numéro d'allocataire, for the CAF: 7 digits, no key.
    case cafNumber

    /// The rule of a partner organisation (`Procedures/organisations.json` ids), `nil`
    /// for those that take no file number in this declaration.
    public init?(organisation id: String) {
        switch id {
        case "ameli", "cnav", "msa", "caisse-des-depots": self = .nir
        case "impots": self = .taxNumber
        case "caf": self = .cafNumber
        default: return nil
        }
    }

    /// The organisations that take a file number, as `init(organisation:)` knows them.
    public static let organisations = ["ameli", "caf", "caisse-des-depots", "cnav", "impots", "msa"]

    /// The field's label and hint, in French.
    public var label: String {
        switch self {
        case .nir: "Numéro de sécurité sociale"
        case .taxNumber: "Numéro fiscal"
        case .cafNumber: "Numéro d'allocataire"
        }
    }

    public var hint: String {
        switch self {
        case .nir: "15 caractères, sur votre carte Vitale ou votre attestation de droits."
        case .taxNumber: "13 chiffres, en haut de la première page de votre déclaration de revenus ou de votre avis d'impôt."
        case .cafNumber: "7 chiffres, sur vos courriers de la CAF."
        }
    }

    /// Why a typed number is refused.
    public enum Refusal: Error, Sendable, Hashable {
        case missing(FileNumberRule)
        /// Wrong length or characters: not this kind of number at all.
        case malformed(FileNumberRule)
        /// The right shape, but its key does not match: a digit was mistyped.
        case wrongKey(FileNumberRule)

        public var message: String {
            switch self {
            case .missing(.nir): "Saisissez votre numéro de sécurité sociale."
            case .missing(.taxNumber): "Saisissez votre numéro fiscal."
            case .missing(.cafNumber): "Saisissez votre numéro d'allocataire."
            case .malformed(.nir): "Le numéro de sécurité sociale compte 15 caractères : 13 chiffres (ou 2A/2B pour la Corse) et une clé de 2 chiffres."
            case .malformed(.taxNumber): "Le numéro fiscal compte 13 chiffres."
            case .malformed(.cafNumber): "Le numéro d'allocataire compte 7 chiffres, par exemple 1234567."
            case .wrongKey(.nir): "La clé de ce numéro de sécurité sociale ne correspond pas : vérifiez-le sur votre carte Vitale."
            case .wrongKey(.taxNumber): "Ce numéro fiscal n'est pas valide : vérifiez-le sur votre avis d'impôt."
            case .wrongKey(.cafNumber): "Ce numéro d'allocataire n'est pas valide : vérifiez-le sur vos courriers de la CAF."
            }
        }
    }

    /// Checks a typed number; spaces, dots and hyphens are ignored and letters upper-cased.
    /// Succeeds with the number as stored: characters only (`184127511542322`).
    public func check(_ typed: String) -> Result<String, Refusal> {
        let compact = String(typed.filter { !($0.isWhitespace || $0 == "." || $0 == "-") }).uppercased()
        guard !compact.isEmpty else { return .failure(.missing(self)) }
        switch self {
        case .nir:
            guard let body = Self.nirBody(compact) else { return .failure(.malformed(self)) }
            let key = Int(compact.suffix(2))!
            return key == 97 - body % 97 ? .success(compact) : .failure(.wrongKey(self))
        case .taxNumber:
            guard compact.count == 13, Self.isDigits(compact) else { return .failure(.malformed(self)) }
            let first = Int(compact.prefix(10))!, key = Int(compact.suffix(3))!
            return key == first % 511 ? .success(compact) : .failure(.wrongKey(self))
        case .cafNumber:
            return compact.count == 7 && Self.isDigits(compact) ? .success(compact) : .failure(.malformed(self))
        }
    }

    /// The first 13 characters as the number the key is computed on, Corsica's 2A and 2B
    /// counted as 19 and 18; `nil` unless there are 15 characters of the NIR's shape.
    private static func nirBody(_ compact: String) -> Int? {
        guard compact.count == 15 else { return nil }
        let characters = Array(compact)
        var body = String(characters[0..<13])
        let department = String(characters[5..<7])
        if department == "2A" || department == "2B" {
            body.replaceSubrange(body.index(body.startIndex, offsetBy: 5)..<body.index(body.startIndex, offsetBy: 7),
                                 with: department == "2A" ? "19" : "18")
        }
        guard isDigits(body), isDigits(String(characters[13...])), let value = Int(body) else { return nil }
        return value
    }

    private static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The number as shown on pages and in emails: only its last four characters, so a
    /// screen or a forwarded message does not disclose it (`•••••••••••2322`).
    public static func masked(_ number: String) -> String {
        let visible = 4
        guard number.count > visible else { return number }
        return String(repeating: "•", count: number.count - visible) + number.suffix(visible)
    }
}
