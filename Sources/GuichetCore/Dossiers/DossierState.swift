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

/// Who made a move: recorded with every transition.
public enum Actor: Sendable, Equatable, CustomStringConvertible {
    case citizen
    case portal
    case organisation(String)
    case `operator`

    public var description: String {
        switch self {
        case .citizen: "usager"
        case .portal: "portail"
        case .organisation(let id): "organisme:\(id)"
        case .operator: "exploitant"
        }
    }

    public init?(_ text: String) {
        switch text {
        case "usager": self = .citizen
        case "portail": self = .portal
        case "exploitant": self = .operator
        default:
            guard text.hasPrefix("organisme:"), text.count > 10 else { return nil }
            self = .organisation(String(text.dropFirst(10)))
        }
    }
}
