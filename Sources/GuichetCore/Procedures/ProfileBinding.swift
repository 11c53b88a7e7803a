/// What a field can be pre-filled with: a piece of the account's profile (SPEC §4).
/// Definition files name them `profile.<name>`.
public enum ProfileBinding: String, CaseIterable, Sendable {
    case civility
    case lastName
    case firstNames
    case birthDate
    case birthPlace
    case address
    case postalCode
    case city
    case residence
    case email
    case mobilePhone
    case landlinePhone
    case phone

    public init?(reference: String) {
        guard reference.hasPrefix("profile.") else { return nil }
        self.init(rawValue: String(reference.dropFirst("profile.".count)))
    }

    public var reference: String { "profile." + rawValue }

    /// The field types that can receive this value.
    public var compatibleTypes: Set<FieldType> {
        switch self {
        case .civility: [.choice]
        case .lastName, .firstNames, .birthPlace, .postalCode, .city: [.text]
        case .birthDate: [.date]
        case .address: [.address, .deliveryAddress]
        case .residence: [.commune]
        case .email: [.email]
        case .mobilePhone, .landlinePhone, .phone: [.phone]
        }
    }

    /// The value from the profile, when the profile has one.
    public func value(in source: PrefillSource) -> AnswerValue? {
        let profile = source.profile
        func text(_ value: String) -> AnswerValue? { value.isEmpty ? nil : .text(value) }
        switch self {
        case .civility: return profile.civility.map { .text($0.rawValue) }
        case .lastName: return text(profile.lastName)
        case .firstNames: return text(profile.firstNames)
        case .birthDate: return profile.birthDate.map { .text($0.french) }
        case .birthPlace: return text(profile.birthPlace)
        case .address:
            guard !profile.addressLine1.isEmpty || !profile.postalCode.isEmpty else { return nil }
            return .address(PostalAddress(line1: profile.addressLine1, line2: profile.addressLine2,
                                          postalCode: profile.postalCode, city: profile.city))
        case .postalCode: return text(profile.postalCode)
        case .city: return text(profile.city)
        case .residence:
            guard !profile.postalCode.isEmpty else { return nil }
            return .commune(CommuneAnswer(postalCode: profile.postalCode, name: profile.city))
        case .email: return text(source.email)
        case .mobilePhone: return profile.mobilePhone.map { .text($0.display) }
        case .landlinePhone: return profile.landlinePhone.map { .text($0.display) }
        case .phone: return (profile.mobilePhone ?? profile.landlinePhone).map { .text($0.display) }
        }
    }
}

/// What pre-filling reads: the profile and the account's email address.
public struct PrefillSource: Sendable {
    public let profile: Profile
    public let email: String

    public init(profile: Profile, email: String) {
        self.profile = profile
        self.email = email
    }
}

extension Procedure {
    /// The answers a new dossier starts with: every bound field the profile can fill.
    /// A choice is only pre-filled with a value the field offers.
    public func prefilledAnswers(from source: PrefillSource) -> Answers {
        var answers = Answers()
        for field in fields {
            guard let binding = field.prefill, let value = binding.value(in: source) else { continue }
            if field.type == .choice, case .text(let chosen) = value, !field.choices.contains(where: { $0.value == chosen }) { continue }
            if field.type == .deliveryAddress {
                answers[field.id] = .delivery(DeliveryAnswer(input: DeliveryAddress(profile: source.profile)))
                continue
            }
            answers[field.id] = value
        }
        return answers
    }
}
