/// *Poser votre question*: what the user typed, and the rules of SPEC §7.
public struct ContactForm: Sendable, Equatable {
    public static let maxMessageLength = 800
    public static let maxPlaceLength = 80

    public var subject: String
    public var message: String
    public var email: String
    public var emailConfirmation: String
    public var place: String

    public init(subject: String = "", message: String = "", email: String = "",
                emailConfirmation: String = "", place: String = "") {
        self.subject = subject
        self.message = message
        self.email = email
        self.emailConfirmation = emailConfirmation
        self.place = place
    }

    /// A message that passed every rule, ready to store and forward.
    public struct Valid: Sendable, Equatable {
        public let subject: ContactSubject
        public let message: String
        public let email: EmailAddress
        public let place: String
    }

    /// Checks every field and returns either the valid message or one French message
    /// per faulty field, in page order.
    public func validate(postalCodes: PostalCodeDirectory) -> Result<Valid, FieldErrors> {
        var errors = FieldErrors()

        let subject = ContactSubject(rawValue: self.subject)
        if subject == nil { errors.add("subject", "Choisissez le sujet de votre question.") }

        let message = Text.normalized(self.message)
        if message.isEmpty {
            errors.add("message", "Saisissez votre message.")
        } else if Text.length(message) > Self.maxMessageLength {
            errors.add("message", "Votre message doit faire \(Self.maxMessageLength) caractères au maximum : il en fait \(Text.length(message)).")
        } else if Text.containsControlCharacters(message, allowLineBreaks: true) {
            errors.add("message", "Votre message contient des caractères invisibles non autorisés. Retirez-les.")
        }

        let email = EmailAddress(self.email)
        if Text.normalized(self.email).isEmpty {
            errors.add("email", "Saisissez votre adresse électronique.")
        } else if email == nil {
            errors.add("email", EmailAddress.invalidMessage)
        }

        let confirmation = Text.normalized(emailConfirmation)
        if confirmation.isEmpty {
            errors.add("emailConfirmation", "Confirmez votre adresse électronique.")
        } else if let email, EmailAddress(confirmation)?.comparisonKey != email.comparisonKey {
            errors.add("emailConfirmation", "Les deux adresses électroniques ne sont pas identiques.")
        }

        let place = Text.normalized(self.place)
        if let problem = Self.placeProblem(place, postalCodes: postalCodes) {
            errors.add("place", problem)
        }

        guard errors.isEmpty, let subject, let email else { return .failure(errors) }
        return .success(Valid(subject: subject, message: message, email: email, place: place))
    }

    static func placeProblem(_ place: String, postalCodes: PostalCodeDirectory) -> String? {
        if place.isEmpty { return "Saisissez votre ville ou votre code postal." }
        if place.count == 5, place.allSatisfy(\.isASCIIDigit) {
            return postalCodes.contains(postalCode: place)
                ? nil : "Le code postal \(place) n'existe pas. Vérifiez-le ou saisissez le nom de votre ville."
        }
        let allowed = place.allSatisfy { $0.isLetter || $0.isNumber || " -'’.".contains($0) }
        guard allowed, place.contains(where: \.isLetter), place.count <= maxPlaceLength else {
            return "Saisissez le nom de votre ville (\(maxPlaceLength) caractères au maximum) ou un code postal à 5 chiffres."
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
