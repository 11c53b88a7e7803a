/// What an organisation's agent may do in the inbox (SPEC §6).
public enum AgentRole: String, Sendable, CaseIterable, Codable {
    /// Reads, exports and moves dossiers.
    case instructeur
    /// Reads and exports only.
    case lecteur

    public var mayAct: Bool { self == .instructeur }

    public var label: String {
        switch self {
        case .instructeur: "Instructeur"
        case .lecteur: "Lecteur"
        }
    }
}

/// The rules of agents' accounts.
public enum AgentPolicy {
    /// An invitation link works once, for 72 hours.
    public static let invitationLifetime: Double = 72 * 3600
    /// Dossiers per inbox page.
    public static let pageSize = 50
    /// An agent's name in histories: the one the operator gave, or the address.
    public static func displayName(name: String?, email: String) -> String {
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return trimmed.isEmpty ? email : trimmed
    }
}
