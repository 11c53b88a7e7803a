import Foundation

/// *Créer un compte*.
public struct SignUpForm: Sendable, Equatable {
    public var identifier = ""
    public var password = ""
    public var email = ""
    public var civility = ""
    public var lastName = ""
    public var firstNames = ""

    public init(identifier: String = "", password: String = "", email: String = "", civility: String = "",
                lastName: String = "", firstNames: String = "") {
        self.identifier = identifier
        self.password = password
        self.email = email
        self.civility = civility
        self.lastName = lastName
        self.firstNames = firstNames
    }

    public struct Valid: Sendable, Equatable {
        public let identifier: AccountIdentifier
        public let password: String
        public let email: EmailAddress
        public let civility: Civility
        public let lastName: String
        public let firstNames: String
    }

    public func validate() -> Result<Valid, FieldErrors> {
        var errors = FieldErrors()
        let identifier = AccountIdentifier.validate(self.identifier)
        if case .failure(let message) = identifier { errors.add("identifier", message.text) }

        let email = EmailAddress(self.email)
        let lastName = Text.normalized(self.lastName), firstNames = Text.normalized(self.firstNames)
        if let problem = PasswordPolicy.problem(with: password, identifier: try? identifier.get().value,
                                                email: email?.value, names: [lastName, firstNames]) {
            errors.add("password", problem.text)
        }
        if Text.normalized(self.email).isEmpty {
            errors.add("email", "Saisissez votre adresse électronique.")
        } else if email == nil {
            errors.add("email", EmailAddress.invalidMessage)
        }
        let civility = Civility(rawValue: self.civility)
        if civility == nil { errors.add("civility", "Indiquez votre civilité.") }
        if let problem = PersonalText.nameProblem(lastName, label: "votre nom", required: true) { errors.add("lastName", problem.text) }
        if let problem = PersonalText.nameProblem(firstNames, label: "vos prénoms", required: true) { errors.add("firstNames", problem.text) }

        guard errors.isEmpty, case .success(let validIdentifier) = identifier, let email, let civility else {
            return .failure(errors)
        }
        return .success(Valid(identifier: validIdentifier, password: PasswordPolicy.normalized(password), email: email,
                              civility: civility, lastName: lastName, firstNames: firstNames))
    }
}

/// *Mes coordonnées*: the editable profile, as typed.
public struct ProfileForm: Sendable, Equatable {
    public var civility = ""
    public var lastName = ""
    public var firstNames = ""
    public var birthDate = ""
    public var birthPlace = ""
    public var addressLine1 = ""
    public var addressLine2 = ""
    public var postalCode = ""
    public var city = ""
    public var mobilePhone = ""
    public var landlinePhone = ""

    public init() {}

    /// The form showing a stored profile.
    public init(_ profile: Profile) {
        civility = profile.civility?.rawValue ?? ""
        lastName = profile.lastName
        firstNames = profile.firstNames
        birthDate = profile.birthDate?.french ?? ""
        birthPlace = profile.birthPlace
        addressLine1 = profile.addressLine1
        addressLine2 = profile.addressLine2
        postalCode = profile.postalCode
        city = profile.city
        mobilePhone = profile.mobilePhone?.display ?? ""
        landlinePhone = profile.landlinePhone?.display ?? ""
    }

    /// How much of the postal address `validate` checks.
    public enum AddressRules: Sendable {
        /// Every rule: a commune alone (no street) must match its postal code.
        case full
        /// Only each line's form: the La Poste check (`AddressReview`) judges the code and
        /// the commune, with suggestions and the official spelling.
        case linesOnly
        /// None: the address is the one stored (a La Poste form, `ST DENIS`, `CEDEX`, may
        /// not pass the plain rules, and was accepted when it was saved).
        case unchanged
    }

    public func validate(postalCodes: PostalCodeDirectory, today: CalendarDate, addressRules: AddressRules = .full) -> Result<Profile, FieldErrors> {
        var errors = FieldErrors()
        let civility = Civility(rawValue: self.civility)
        if civility == nil { errors.add("civility", "Indiquez votre civilité.") }
        let lastName = Text.normalized(self.lastName), firstNames = Text.normalized(self.firstNames)
        if let problem = PersonalText.nameProblem(lastName, label: "votre nom", required: true) { errors.add("lastName", problem.text) }
        if let problem = PersonalText.nameProblem(firstNames, label: "vos prénoms", required: true) { errors.add("firstNames", problem.text) }

        var birthDate: CalendarDate? = nil
        let typedBirthDate = Text.normalized(self.birthDate)
        if !typedBirthDate.isEmpty {
            if let date = CalendarDate(french: typedBirthDate) {
                if date > today {
                    errors.add("birthDate", "La date de naissance ne peut pas être dans le futur.")
                } else if date.year < 1900 {
                    errors.add("birthDate", "Vérifiez l'année de naissance.")
                } else {
                    birthDate = date
                }
            } else {
                errors.add("birthDate", "Saisissez la date de naissance au format JJ/MM/AAAA, sans espaces, par exemple 14/07/1985.")
            }
        }
        let birthPlace = Text.normalized(self.birthPlace)
        if let problem = PersonalText.lineProblem(birthPlace, label: "le lieu de naissance", required: false) { errors.add("birthPlace", problem.text) }

        let line1 = Text.normalized(addressLine1), line2 = Text.normalized(addressLine2)
        let postalCode = Text.normalized(self.postalCode).filter { !$0.isWhitespace }
        let city = Text.normalized(self.city)
        if addressRules != .unchanged {
            checkAddress(line1: line1, line2: line2, postalCode: postalCode, city: city, postalCodes: postalCodes,
                         checksCommune: addressRules == .full, errors: &errors)
        }

        let mobile = Self.phone(mobilePhone, field: "mobilePhone", label: "téléphone portable", errors: &errors)
        let landline = Self.phone(landlinePhone, field: "landlinePhone", label: "téléphone fixe", errors: &errors)

        guard errors.isEmpty else { return .failure(errors) }
        return .success(Profile(civility: civility, lastName: lastName, firstNames: firstNames, birthDate: birthDate,
                                birthPlace: birthPlace, addressLine1: line1, addressLine2: line2, postalCode: postalCode,
                                city: city, mobilePhone: mobile, landlinePhone: landline))
    }

    private func checkAddress(line1: String, line2: String, postalCode: String, city: String, postalCodes: PostalCodeDirectory,
                              checksCommune: Bool, errors: inout FieldErrors) {
        if let problem = PersonalText.lineProblem(line1, label: "le numéro et la voie", required: false) { errors.add("addressLine1", problem.text) }
        if let problem = PersonalText.lineProblem(line2, label: "le complément d'adresse", required: false) { errors.add("addressLine2", problem.text) }
        if !postalCode.isEmpty {
            if postalCode.count != 5 || !postalCode.allSatisfy({ $0.isASCII && $0.isNumber }) {
                errors.add("postalCode", "Le code postal compte 5 chiffres, par exemple 75015.")
            } else if checksCommune, !postalCodes.contains(postalCode: postalCode) {
                errors.add("postalCode", "Le code postal \(postalCode) n'existe pas.")
            }
        } else if !line1.isEmpty || !city.isEmpty {
            errors.add("postalCode", "Saisissez le code postal de votre adresse.")
        }
        if let problem = PersonalText.lineProblem(city, label: "la commune", required: !postalCode.isEmpty || !line1.isEmpty) {
            errors.add("city", problem.text)
        } else if checksCommune, !city.isEmpty, errors["postalCode"] == nil, postalCodes.contains(postalCode: postalCode),
                  !Self.city(city, matches: postalCodes.communes(postalCode: postalCode)) {
            errors.add("city", "La commune ne correspond pas au code postal \(postalCode). Communes de ce code postal : "
                + postalCodes.communes(postalCode: postalCode).map(\.name).joined(separator: ", ") + ".")
        }
    }

    /// A commune name matches when it equals, or starts, one of the postal code's
    /// communes, ignoring case, accents and hyphens ("Paris" for "Paris 15e Arrondissement").
    static func city(_ typed: String, matches communes: [PostalCodeDirectory.Commune]) -> Bool {
        func key(_ text: String) -> String {
            String(Text.folded(text).map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ").joined(separator: " ")
        }
        let typedKey = key(typed)
        return communes.contains { commune in
            let name = key(commune.name)
            return name == typedKey || name.hasPrefix(typedKey + " ")
        }
    }

    static func phone(_ typed: String, field: String, label: String, errors: inout FieldErrors) -> PhoneNumber? {
        let text = Text.normalized(typed)
        guard !text.isEmpty else { return nil }
        guard let number = PhoneNumber(text) else {
            errors.add(field, "Saisissez un numéro de \(label) valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78.")
            return nil
        }
        return number
    }
}
