import Foundation
import GuichetCore
import Vapor

/// Every URL of the portal. Routes register from these cases and views link with
/// them, so a path is written in exactly one place.
public enum SiteURL: Sendable, Equatable {
    /// A path parameter: `.key` when registering a route, `.value` when linking.
    public enum Parameter: Sendable, Equatable {
        case key
        case value(String)

        fileprivate func component(_ name: String) -> String {
            switch self {
            case .key: ":\(name)"
            case .value(let value): value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? value
            }
        }
    }

    case home
    case help
    case helpTopic(Parameter)
    case contact
    case contactSent
    case accessibility
    case legalNotice
    case privacy
    case captchaImage(Parameter)
    case captchaAudio(Parameter)
    case asset(Parameter)
    case healthz
    case metrics
    case devOutbox
    case devOutboxMessage(Parameter)
    /// The partner API's documentation for developers (SPEC §6).
    case apiDocumentation

    // Accounts (SPEC §1)
    case signIn
    case signInCode
    case signOut
    case signUp
    case signUpSent
    case activate
    case resendActivation
    case forgotIdentifier
    case forgotIdentifierSent
    case forgotPassword
    case forgotPasswordSent
    case resetPassword
    case phoneChanged
    case account
    case profile
    case options
    case changeEmail
    case changeEmailSent
    case confirmEmailChange
    case changePassword
    case smsFactor
    case smsFactorConfirm
    case totpFactor
    case unlockCode
    case disableSecondFactor
    case alerts
    case deleteAccount
    case accountDeleted
    case securityLog
    case accountLinks

    // Wallet (SPEC §2)
    case wallet
    case walletAdd
    case walletDownload(Parameter)
    case walletRename(Parameter)
    case walletDelete(Parameter)

    // Catalogue (SPEC §3)
    case catalogue
    case audience(Audience)
    case procedure(Parameter)
    case procedureStart(Parameter)
    case blankForm(Parameter)
    case partners
    /// *Annuaire de l'administration* (SPEC §8).
    case directory
    case directoryBody(Parameter)

    // Doing a procedure (SPEC §4): the browser session's dossier in progress.
    case fillStep(Parameter)
    case fillSummary
    case fillSubmit
    case fillSave
    case fillAbandon
    case fillAttachment(Parameter)
    case fillConflict

    // Saved and transmitted dossiers
    case draftSaved
    case resume(Parameter)
    case resumeByNumber
    case confirmation(Parameter)
    case receipt(Parameter)
    case lookup
    case activity
    case activityDossier(Parameter)
    case activityComplete(Parameter)

    // The organisations' space (SPEC §6): the agents' inbox
    case agentSignIn
    case agentSignInCode
    case agentSignOut
    case agentInvitation
    case agentInbox
    case agentExport
    case agentDossier(Parameter)
    case agentAttachment(Parameter, Parameter)
    case agentReceipt(Parameter)
    case agentAction(Parameter, Parameter)

    /// The path, percent-encoded, for links.
    public var path: String { "/" + segments.joined(separator: "/") }

    /// The path components, for route registration.
    public var pathComponents: [PathComponent] { segments.map(PathComponent.init(stringLiteral:)) }

    private var segments: [String] {
        switch self {
        case .home: []
        case .help: ["aide"]
        case .helpTopic(let topic): ["aide", topic.component("topic")]
        case .contact: ["aide", "poser-une-question"]
        case .contactSent: ["aide", "poser-une-question", "message-envoye"]
        case .accessibility: ["accessibilite"]
        case .legalNotice: ["mentions-legales"]
        case .privacy: ["donnees-personnelles"]
        case .captchaImage(let id): ["code-de-securite", id.component("id"), "image"]
        case .captchaAudio(let id): ["code-de-securite", id.component("id"), "audio"]
        case .asset(let file): ["static", file.component("file")]
        case .healthz: ["healthz"]
        case .metrics: ["metrics"]
        case .devOutbox: ["dev", "outbox"]
        case .devOutboxMessage(let id): ["dev", "outbox", id.component("id")]
        case .apiDocumentation: ["api"]
        case .signIn: ["connexion"]
        case .signInCode: ["connexion", "code"]
        case .signOut: ["deconnexion"]
        case .signUp: ["creer-un-compte"]
        case .signUpSent: ["creer-un-compte", "courriel-envoye"]
        case .activate: ["creer-un-compte", "activer"]
        case .resendActivation: ["creer-un-compte", "renvoyer-le-courriel"]
        case .forgotIdentifier: ["identifiant-oublie"]
        case .forgotIdentifierSent: ["identifiant-oublie", "courriel-envoye"]
        case .forgotPassword: ["mot-de-passe-oublie"]
        case .forgotPasswordSent: ["mot-de-passe-oublie", "courriel-envoye"]
        case .resetPassword: ["mot-de-passe-oublie", "nouveau-mot-de-passe"]
        case .phoneChanged: ["numero-de-telephone-modifie"]
        case .account: ["mon-compte"]
        case .profile: ["mon-compte", "mes-coordonnees"]
        case .options: ["mon-compte", "mes-options"]
        case .changeEmail: ["mon-compte", "mes-options", "adresse-electronique"]
        case .changeEmailSent: ["mon-compte", "mes-options", "adresse-electronique", "courriel-envoye"]
        case .confirmEmailChange: ["confirmer-adresse-electronique"]
        case .changePassword: ["mon-compte", "mes-options", "mot-de-passe"]
        case .smsFactor: ["mon-compte", "mes-options", "code-sms"]
        case .smsFactorConfirm: ["mon-compte", "mes-options", "code-sms", "confirmer"]
        case .totpFactor: ["mon-compte", "mes-options", "application"]
        case .unlockCode: ["mon-compte", "mes-options", "code-de-deblocage"]
        case .disableSecondFactor: ["mon-compte", "mes-options", "connexion-avec-code", "desactiver"]
        case .alerts: ["mon-compte", "mes-options", "alertes"]
        case .deleteAccount: ["mon-compte", "mes-options", "suppression"]
        case .accountDeleted: ["compte-supprime"]
        case .securityLog: ["mon-compte", "historique-de-securite"]
        case .accountLinks: ["mon-compte", "liaisons-de-comptes"]
        case .wallet: ["mon-compte", "mes-documents"]
        case .walletAdd: ["mon-compte", "mes-documents", "ajouter"]
        case .walletDownload(let id): ["mon-compte", "mes-documents", id.component("id"), "telecharger"]
        case .walletRename(let id): ["mon-compte", "mes-documents", id.component("id"), "renommer"]
        case .walletDelete(let id): ["mon-compte", "mes-documents", id.component("id"), "supprimer"]
        case .catalogue: ["services-en-ligne-et-formulaires"]
        case .audience(let audience): [audience.slug]
        case .procedure(let id): ["services-en-ligne-et-formulaires", id.component("procedure")]
        case .procedureStart(let id): ["services-en-ligne-et-formulaires", id.component("procedure"), "commencer"]
        case .blankForm(let id): ["services-en-ligne-et-formulaires", id.component("procedure"), "formulaire.pdf"]
        case .partners: ["aide", "contacter-un-organisme-partenaire"]
        case .directory: ["annuaire"]
        case .directoryBody(let body): ["annuaire", body.component("body")]
        case .fillStep(let number): ["demarche", "etape", number.component("step")]
        case .fillSummary: ["demarche", "recapitulatif"]
        case .fillSubmit: ["demarche", "transmettre"]
        case .fillSave: ["demarche", "enregistrer"]
        case .fillAbandon: ["demarche", "abandonner"]
        case .fillAttachment(let id): ["demarche", "piece-jointe", id.component("attachment")]
        case .fillConflict: ["demarche", "demarche-en-cours"]
        case .draftSaved: ["demarches", "dossier-enregistre"]
        case .resume(let number): ["demarches", "reprendre", number.component("number")]
        case .resumeByNumber: ["demarches", "reprendre"]
        case .confirmation(let reference): ["demarches", reference.component("reference"), "confirmation"]
        case .receipt(let reference): ["demarches", reference.component("reference"), "recapitulatif.pdf"]
        case .lookup: ["demarches", "suivre"]
        case .activity: ["mon-compte", "mon-activite"]
        case .activityDossier(let reference): ["mon-compte", "mon-activite", reference.component("reference")]
        case .activityComplete(let id): ["mon-compte", "mon-activite", "brouillons", id.component("dossier"), "completer"]
        case .agentSignIn: ["agents", "connexion"]
        case .agentSignInCode: ["agents", "connexion", "code"]
        case .agentSignOut: ["agents", "deconnexion"]
        case .agentInvitation: ["agents", "invitation"]
        case .agentInbox: ["agents", "dossiers"]
        case .agentExport: ["agents", "export.csv"]
        case .agentDossier(let reference): ["agents", "dossiers", reference.component("reference")]
        case .agentAttachment(let reference, let id): ["agents", "dossiers", reference.component("reference"), "pieces", id.component("id")]
        case .agentReceipt(let reference): ["agents", "dossiers", reference.component("reference"), "recapitulatif.pdf"]
        case .agentAction(let reference, let action): ["agents", "dossiers", reference.component("reference"), action.component("action")]
        }
    }

    /// The path with query parameters.
    public func with(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return path }
        var components = URLComponents()
        components.path = path
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.string ?? path
    }

    /// An absolute URL for emails.
    public func absolute(base: URL) -> String {
        base.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + path
    }
}
