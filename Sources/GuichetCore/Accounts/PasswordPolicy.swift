import Foundation

/// What makes an acceptable password (ANSSI / NIST SP 800-63B): length, not common,
/// not made of the account's own details. No composition rules, any Unicode.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 128
    public static let hint = "Au moins 12 caractères. Une phrase de plusieurs mots, facile à retenir pour vous, convient très bien."

    /// The form in which passwords are hashed and compared: Unicode NFC, so the same
    /// visible password typed on two keyboards gives the same hash. Never trimmed.
    public static func normalized(_ password: String) -> String {
        password.precomposedStringWithCanonicalMapping
    }

    /// The French message explaining why the password is refused, or nil.
    public static func problem(with password: String, identifier: String?, email: String?, names: [String]) -> FieldMessage? {
        let password = normalized(password)
        if password.isEmpty { return "Choisissez un mot de passe." }
        if password.count < minimumLength {
            return FieldMessage("Votre mot de passe doit compter au moins \(minimumLength) caractères : il en compte \(password.count).")
        }
        if password.count > maximumLength {
            return FieldMessage("Votre mot de passe doit compter au plus \(maximumLength) caractères.")
        }
        let folded = Text.folded(password)
        if ReferenceData.commonPasswords.contains(password.lowercased()) {
            return "Ce mot de passe fait partie des plus utilisés : choisissez-en un autre, par exemple une phrase de plusieurs mots."
        }
        if let identifier, !identifier.isEmpty, folded.contains(Text.folded(identifier)) {
            return "Votre mot de passe ne doit pas contenir votre identifiant."
        }
        // The address, each name, and the names together in either order, compared
        // without case, accents or spaces.
        func compact(_ text: String) -> String { Text.folded(text).filter { !$0.isWhitespace } }
        let names = names.filter { !$0.isEmpty }
        let personal = Set(([email].compactMap { $0 } + names + [names.joined(), names.reversed().joined()]).map(compact))
        if personal.contains(compact(password)) {
            return "Votre mot de passe ne doit pas être votre adresse électronique ni votre nom."
        }
        return nil
    }
}
