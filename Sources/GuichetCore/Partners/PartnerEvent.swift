import Foundation

/// What the event feed and the webhooks tell an organisation (SPEC §6).
public enum PartnerEventType: String, Sendable, Codable, CaseIterable {
    /// A dossier was transmitted to the organisation.
    case dossierTransmitted = "dossier.transmitted"
    /// The organisation's status of a dossier moved (by an API key, an agent, the operator).
    case statusChanged = "dossier.status_changed"
    /// The organisation deleted one of its account links.
    case accountLinkDeleted = "account_link.deleted"
}

/// Who did something, as the partner API shows it.
public struct ActorSummary: Sendable, Equatable, Codable {
    /// `citizen`, `portal`, `api_key`, `agent`, `operator` or `organisation`.
    public let kind: String
    /// The key's or the agent's name.
    public let name: String?

    public init(kind: String, name: String?) {
        self.kind = kind
        self.name = name
    }

    /// `name` is written as `null` when there is none: the key is always there.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(name, forKey: .name)
    }

    enum CodingKeys: String, CodingKey { case kind, name }
}

/// One event of an organisation's feed: numbered 1, 2, 3… per organisation without gaps
/// in the order the changes were committed, so `after=<sequence>` never misses one.
/// The same JSON is the body of a webhook delivery.
public struct PartnerEvent: Sendable, Equatable, Codable {
    public let id: UUID
    public let sequence: Int
    public let type: PartnerEventType
    public let occurredAt: Date
    public let details: Details

    public init(id: UUID, sequence: Int, type: PartnerEventType, occurredAt: Date, details: Details) {
        self.id = id
        self.sequence = sequence
        self.type = type
        self.occurredAt = occurredAt
        self.details = details
    }

    /// What the event is about; each type fills its own part.
    public struct Details: Sendable, Equatable, Codable {
        public var reference: String?
        public var procedure: String?
        /// The organisation's state after the change (`transmis`, `pris-en-compte`…).
        public var state: String?
        public var previousState: String?
        public var actor: ActorSummary?
        public var message: String?
        /// Lower-case, as every id of the API.
        public var accountLinkID: String?
        public var partnerReference: String?

        public init(reference: String? = nil, procedure: String? = nil, state: String? = nil, previousState: String? = nil,
                    actor: ActorSummary? = nil, message: String? = nil, accountLinkID: UUID? = nil, partnerReference: String? = nil) {
            self.reference = reference
            self.procedure = procedure
            self.state = state
            self.previousState = previousState
            self.actor = actor
            self.message = message
            self.accountLinkID = accountLinkID?.uuidString.lowercased()
            self.partnerReference = partnerReference
        }

        enum CodingKeys: String, CodingKey {
            case reference, procedure, state, previousState = "previous_state", actor, message
            case accountLinkID = "account_link_id", partnerReference = "partner_reference"
        }

        /// As stored with the event.
        public func encoded() -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
        }

        public static func decode(_ text: String) -> Details {
            (try? JSONDecoder().decode(Details.self, from: Data(text.utf8))) ?? Details()
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, sequence, type, occurredAt = "occurred_at", details = "data"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = UUID(uuidString: try container.decode(String.self, forKey: .id)) else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: container, debugDescription: "not a UUID")
        }
        self.id = id
        sequence = try container.decode(Int.self, forKey: .sequence)
        type = try container.decode(PartnerEventType.self, forKey: .type)
        occurredAt = try container.decode(Date.self, forKey: .occurredAt)
        details = try container.decode(Details.self, forKey: .details)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id.uuidString.lowercased(), forKey: .id)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(type, forKey: .type)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(details, forKey: .details)
    }
}
