import Foundation

/// Where a dossier is on the portal's side (SPEC §4). Once transmitted, each
/// organisation's progress is a `TransmissionState`.
public enum DossierState: String, Sendable, Codable, CaseIterable {
    /// Being filled, never saved: it lives as long as the browser session.
    case draft
    /// *Sauvegardé*: saved by the user, kept 15 days after the last save.
    case saved
    /// *Transmis*: submitted, with its reference; it can no longer change.
    case submitted

    public var label: String {
        switch self {
        case .draft: "En cours de saisie"
        case .saved: "Sauvegardé"
        case .submitted: "Transmis"
        }
    }
}

/// The named moves of a dossier and the states each may start from.
public enum DossierTransition: String, Sendable, CaseIterable {
    case save
    case submit
    case abandon
    case expire

    public var allowedFrom: Set<DossierState> {
        switch self {
        case .save, .submit, .abandon: [.draft, .saved]
        case .expire: [.saved]
        }
    }

    /// The state after the move; nil for moves that delete the dossier.
    public var target: DossierState? {
        switch self {
        case .save: .saved
        case .submit: .submitted
        case .abandon, .expire: nil
        }
    }

    /// The state after the move, or why it is refused.
    public func apply(to state: DossierState) throws(TransitionRefused) -> DossierState? {
        guard allowedFrom.contains(state) else { throw TransitionRefused(transition: rawValue, from: state.rawValue) }
        return target
    }
}

/// A move that the state machine does not allow from the current state.
public struct TransitionRefused: Error, Sendable, Equatable, CustomStringConvertible {
    public let transition: String
    public let from: String

    public init(transition: String, from: String) {
        self.transition = transition
        self.from = from
    }

    public var description: String { "transition \(transition) is not allowed from state \(from)" }
}

/// Who made a move: recorded with every transition, shown in the history of the
/// citizen's dossier page, the agents' inbox and the partner API.
public enum Actor: Sendable, Equatable, CustomStringConvertible {
    case citizen
    case portal
    case organisation(String)
    /// A partner-API key, by the name the operator gave it.
    case apiKey(name: String)
    /// An organisation's agent, by name.
    case agent(name: String)
    case `operator`

    /// As stored: `usager`, `portail`, `exploitant`, `organisme:<id>`, `cle-api:<name>`,
    /// `agent:<name>`.
    public var description: String {
        switch self {
        case .citizen: "usager"
        case .portal: "portail"
        case .organisation(let id): "organisme:\(id)"
        case .apiKey(let name): "cle-api:\(name)"
        case .agent(let name): "agent:\(name)"
        case .operator: "exploitant"
        }
    }

    public init?(_ text: String) {
        switch text {
        case "usager": self = .citizen
        case "portail": self = .portal
        case "exploitant": self = .operator
        default:
            let prefixes: [(String, (String) -> Actor)] = [
                ("organisme:", { .organisation($0) }), ("cle-api:", { .apiKey(name: $0) }), ("agent:", { .agent(name: $0) }),
            ]
            for (prefix, make) in prefixes where text.hasPrefix(prefix) && text.count > prefix.count {
                self = make(String(text.dropFirst(prefix.count)))
                return
            }
            return nil
        }
    }

    /// In the partner API and the webhooks.
    public var summary: ActorSummary {
        switch self {
        case .citizen: ActorSummary(kind: "citizen", name: nil)
        case .portal: ActorSummary(kind: "portal", name: nil)
        case .organisation(let id): ActorSummary(kind: "organisation", name: id)
        case .apiKey(let name): ActorSummary(kind: "api_key", name: name)
        case .agent(let name): ActorSummary(kind: "agent", name: name)
        case .operator: ActorSummary(kind: "operator", name: nil)
        }
    }

    /// Who did it, in French, for the history pages.
    public var label: String {
        switch self {
        case .citizen: "L'usager"
        case .portal: "Le portail"
        case .organisation: "L'organisme"
        case .apiKey(let name): "Clé d'API « \(name) »"
        case .agent(let name): name
        case .operator: "L'exploitant du portail"
        }
    }
}
