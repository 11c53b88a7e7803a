/// An organisation's progress on a dossier it received (SPEC §4): the portal records
/// *transmis*; only the organisation reports the rest.
public enum TransmissionState: String, Sendable, Codable, CaseIterable {
    case transmitted
    case acknowledged
    case processing
    case done

    public var label: String {
        switch self {
        case .transmitted: "Transmis"
        case .acknowledged: "Pris en compte"
        case .processing: "En cours de traitement"
        case .done: "Traité"
        }
    }

    /// The words of the command line and of the partner API.
    public var slug: String {
        switch self {
        case .transmitted: "transmis"
        case .acknowledged: "pris-en-compte"
        case .processing: "en-cours-de-traitement"
        case .done: "traite"
        }
    }

    public init?(slug: String) {
        guard let state = Self.allCases.first(where: { $0.slug == slug }) else { return nil }
        self = state
    }
}

/// The organisation's moves. Progress only goes forward; a dossier must have been
/// acknowledged before it is marked processed, and *traité* is final.
public enum TransmissionTransition: String, Sendable, CaseIterable {
    case acknowledge
    case startProcessing
    case complete

    public var allowedFrom: Set<TransmissionState> {
        switch self {
        case .acknowledge: [.transmitted]
        case .startProcessing: [.transmitted, .acknowledged]
        case .complete: [.acknowledged, .processing]
        }
    }

    public var target: TransmissionState {
        switch self {
        case .acknowledge: .acknowledged
        case .startProcessing: .processing
        case .complete: .done
        }
    }

    /// The move that leads to a state.
    public init?(target: TransmissionState) {
        guard let transition = Self.allCases.first(where: { $0.target == target }) else { return nil }
        self = transition
    }

    public func apply(to state: TransmissionState) throws(TransitionRefused) -> TransmissionState {
        guard allowedFrom.contains(state) else { throw TransitionRefused(transition: rawValue, from: state.rawValue) }
        return target
    }
}
