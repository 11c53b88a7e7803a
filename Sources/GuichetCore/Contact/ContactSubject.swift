/// The subjects offered in *Sujet de votre question*, in display order.
public enum ContactSubject: String, CaseIterable, Sendable {
    case account = "compte"
    case wallet = "porte-documents"
    case procedure = "demarche"
    case tracking = "suivi"
    case accountLinks = "liaison"
    case accessibility = "accessibilite"
    case other = "autre"

    public var label: String {
        switch self {
        case .account: "Mon compte et la connexion"
        case .wallet: "Mon porte-documents"
        case .procedure: "Une démarche en ligne"
        case .tracking: "Le suivi d'un dossier transmis"
        case .accountLinks: "Les liaisons de comptes"
        case .accessibility: "L'accessibilité du site"
        case .other: "Une autre question"
        }
    }
}
