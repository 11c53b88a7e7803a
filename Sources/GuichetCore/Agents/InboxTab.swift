/// The inbox's tabs, one per state of the organisation's progress.
public enum InboxTab: String, Sendable, CaseIterable {
    case toProcess = "a-traiter"
    case acknowledged = "pris-en-compte"
    case processing = "en-cours"
    case done = "traites"

    public var state: TransmissionState {
        switch self {
        case .toProcess: .transmitted
        case .acknowledged: .acknowledged
        case .processing: .processing
        case .done: .done
        }
    }

    public var label: String {
        switch self {
        case .toProcess: "À traiter"
        case .acknowledged: "Pris en compte"
        case .processing: "En cours de traitement"
        case .done: "Traités"
        }
    }

    public init(state: TransmissionState) {
        self = Self.allCases.first { $0.state == state } ?? .toProcess
    }
}

/// The moves an agent can make from the inbox, each with its button's words.
public enum InboxAction: String, Sendable, CaseIterable {
    case acknowledge = "accuser-reception"
    case startProcessing = "passer-en-cours"
    case complete = "marquer-traite"

    public var target: TransmissionState {
        switch self {
        case .acknowledge: .acknowledged
        case .startProcessing: .processing
        case .complete: .done
        }
    }

    public var label: String {
        switch self {
        case .acknowledge: "Accuser réception"
        case .startProcessing: "Passer en cours de traitement"
        case .complete: "Marquer comme traité"
        }
    }

    /// *Traité* closes the dossier: the citizen must be told what came of it.
    public var requiresMessage: Bool { self == .complete }

    /// The moves the state machine allows from a state.
    public static func available(from state: TransmissionState) -> [InboxAction] {
        allCases.filter { action in
            TransmissionTransition(target: action.target).map { $0.allowedFrom.contains(state) } ?? false
        }
    }
}
