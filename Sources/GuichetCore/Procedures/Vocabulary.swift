/// The words of the catalogue (SPEC §3): natures, themes and audiences, with the value a
/// definition file uses and the label the interface shows.
public enum ProcedureNature: String, CaseIterable, Sendable, Codable {
    case onlineService = "service-en-ligne"
    case onlineForm = "formulaire-en-ligne"
    case blankForm = "formulaire-vierge"

    public var label: String {
        switch self {
        case .onlineService: "Service en ligne"
        case .onlineForm: "Formulaire en ligne"
        case .blankForm: "Formulaire vierge"
        }
    }

    /// Whether the procedure is filled and transmitted on the portal (a blank form is printed).
    public var isFilledOnline: Bool { self != .blankForm }
}

public enum ProcedureTheme: String, CaseIterable, Sendable, Codable {
    case papersCitizenship = "papiers-citoyennete"
    case family = "famille"
    case socialHealth = "social-sante"
    case work = "travail"
    case housing = "logement"
    case transport = "transports"
    case moneyTaxes = "argent-impots"
    case justice = "justice"
    case abroad = "etranger"
    case leisure = "loisirs"

    public var label: String {
        switch self {
        case .papersCitizenship: "Papiers – Citoyenneté"
        case .family: "Famille"
        case .socialHealth: "Social – Santé"
        case .work: "Travail"
        case .housing: "Logement"
        case .transport: "Transports"
        case .moneyTaxes: "Argent – Impôts"
        case .justice: "Justice"
        case .abroad: "Étranger"
        case .leisure: "Loisirs"
        }
    }
}

public enum Audience: String, CaseIterable, Sendable, Codable {
    case individual = "particulier"
    case association = "association"
    case business = "professionnel"

    /// The heading of the audience's page.
    public var label: String {
        switch self {
        case .individual: "Particuliers"
        case .association: "Associations"
        case .business: "Professionnels"
        }
    }

    /// The path segment of the audience's page.
    public var slug: String {
        switch self {
        case .individual: "particuliers"
        case .association: "associations"
        case .business: "professionnels"
        }
    }
}
