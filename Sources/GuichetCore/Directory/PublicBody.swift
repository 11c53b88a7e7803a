import Foundation

/// A public body of the *Annuaire de l'administration*: a town hall, a préfecture, a CAF
/// office… What its page shows and what the search indexes.
///
/// `id` is the DILA identifier for imported bodies, so that a re-import updates rather
/// than duplicates, and `mairie-<INSEE code>` for the shipped town halls (the id their
/// `Organisation` already has).
public struct PublicBody: Sendable, Equatable, Codable, Identifiable {
    /// A phone number and what it is for ("Accueil", "Standard").
    public struct Phone: Sendable, Equatable, Codable {
        public let number: String
        public let description: String?

        public init(number: String, description: String? = nil) {
            self.number = number
            self.description = description.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// A web address and its label ("Site de la préfecture").
    public struct Website: Sendable, Equatable, Codable {
        public let url: String
        public let label: String?

        public init(url: String, label: String? = nil) {
            self.url = url
            self.label = label.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    public let id: String
    public var name: String
    /// `type_service_local` slugs, see `PublicBodyKind`.
    public var kinds: [String]
    public var inseeCode: String?
    /// The address where people go, one line per entry, the last one "69003 Lyon".
    public var address: [String]
    /// Where to write, when the DILA gives a different mailing address (often a *Cedex*).
    public var postalAddress: [String]
    public var postalCode: String?
    public var commune: String?
    public var phones: [Phone]
    public var emails: [String]
    public var websites: [Website]
    public var schedule: OpeningSchedule
    /// The DILA `date_modification`: shown as *Informations mises à jour le …*.
    public var modifiedAt: Date?

    public init(id: String, name: String, kinds: [String] = [], inseeCode: String? = nil, address: [String] = [],
                postalAddress: [String] = [], postalCode: String? = nil, commune: String? = nil, phones: [Phone] = [],
                emails: [String] = [], websites: [Website] = [], schedule: OpeningSchedule = .empty, modifiedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.kinds = kinds
        self.inseeCode = inseeCode
        self.address = address
        self.postalAddress = postalAddress
        self.postalCode = postalCode
        self.commune = commune
        self.phones = phones
        self.emails = emails
        self.websites = websites
        self.schedule = schedule
        self.modifiedAt = modifiedAt
    }

    /// The kinds with their French labels, for the page and the result list.
    public var kindDetails: [PublicBodyKind] { kinds.map(PublicBodyKind.init(slug:)) }

    /// "Préfecture", "Centre des finances publiques": the labels of its kinds, each once
    /// (`sip` and `sie` share one).
    public var kindLabels: [String] {
        var labels: [String] = []
        for label in kindDetails.map(\.label) where !labels.contains(label) { labels.append(label) }
        return labels
    }

    /// *Ouvert maintenant* or not, on the body's own wall clock.
    public func status(at date: Date) -> OpeningStatus? { schedule.status(at: date, in: timeZone) }

    /// The time zone of the body's opening hours: Europe/Paris, except overseas, where a
    /// CAF at Fort-de-France opens at 7 h 30 Martinique time, five or six hours behind.
    /// Read from the postal code or INSEE code (971 Guadeloupe … 988 New Caledonia).
    public var timeZone: TimeZone {
        let code = postalCode ?? inseeCode ?? ""
        guard code.count == 5, code.hasPrefix("97") || code.hasPrefix("98") else { return FrenchDate.timeZone }
        guard let zone = Self.overseasTimeZones[String(code.prefix(3))] else { return FrenchDate.timeZone }
        return TimeZone(identifier: zone.identifier) ?? TimeZone(secondsFromGMT: zone.hoursFromGMT * 3600) ?? FrenchDate.timeZone
    }

    /// Overseas departments and collectivities, with a fixed offset in case the system
    /// has no time-zone database (only Saint-Pierre-et-Miquelon has summer time).
    static let overseasTimeZones: [String: (identifier: String, hoursFromGMT: Int)] = [
        "971": ("America/Guadeloupe", -4), "972": ("America/Martinique", -4), "973": ("America/Cayenne", -3),
        "974": ("Indian/Reunion", 4), "975": ("America/Miquelon", -3), "976": ("Indian/Mayotte", 3),
        "977": ("America/St_Barthelemy", -4), "978": ("America/Marigot", -4), "986": ("Pacific/Wallis", 12),
        "987": ("Pacific/Tahiti", -10), "988": ("Pacific/Noumea", 11),
    ]

    /// The body as the rest of Guichet shows a contact block (first phone, email and
    /// website; hours in sentences).
    public var contacts: Contacts {
        Contacts(address: address.isEmpty ? postalAddress : address, phone: phones.first?.number,
                 phoneNote: phones.first?.description, email: emails.first, website: websites.first?.url,
                 hours: schedule.summary)
    }
}
