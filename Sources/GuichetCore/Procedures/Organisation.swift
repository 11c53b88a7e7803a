/// How to reach an organisation. Every part is optional: partners publish different ones.
public struct Contacts: Sendable, Equatable, Codable {
    public var address: [String]
    public var phone: String?
    public var phoneNote: String?
    public var email: String?
    public var website: String?
    /// Opening hours, already written in French (*Du lundi au vendredi : 8 h 30 – 12 h*).
    public var hours: [String]

    public init(address: [String] = [], phone: String? = nil, phoneNote: String? = nil, email: String? = nil,
                website: String? = nil, hours: [String] = []) {
        self.address = address
        self.phone = phone
        self.phoneNote = phoneNote
        self.email = email
        self.website = website
        self.hours = hours
    }

    public var isEmpty: Bool { address.isEmpty && phone == nil && email == nil && website == nil && hours.isEmpty }
}

/// A partner organisation (*organisme partenaire*, SPEC §6): who processes dossiers and
/// how citizens reach it. Registered ones come from `Procedures/organisations.json`;
/// town halls from the reference data, keyed `mairie-<INSEE code>`.
public struct Organisation: Sendable, Equatable, Codable, Identifiable {
    public let id: String
    public let name: String
    public let kind: String
    public let contacts: Contacts
    /// Paragraphs shown on *Contacter un organisme partenaire* and on dossier pages.
    public let help: [String]

    public init(id: String, name: String, kind: String, contacts: Contacts, help: [String]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.contacts = contacts
        self.help = help
    }
}
