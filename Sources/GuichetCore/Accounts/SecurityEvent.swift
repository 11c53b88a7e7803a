/// What the *Historique de sécurité* records for an account.
public enum SecurityEventKind: String, Sendable, Codable, CaseIterable {
    case accountCreated = "account-created"
    case emailConfirmed = "email-confirmed"
    case signedIn = "signed-in"
    case signInFailed = "sign-in-failed"
    case secondFactorFailed = "second-factor-failed"
    case locked = "locked"
    case signedOut = "signed-out"
    case passwordChanged = "password-changed"
    case passwordReset = "password-reset"
    case passwordResetRequested = "password-reset-requested"
    case emailChangeRequested = "email-change-requested"
    case emailChanged = "email-changed"
    case secondFactorEnabled = "second-factor-enabled"
    case secondFactorDisabled = "second-factor-disabled"
    case unlockCodeUsed = "unlock-code-used"
    case profileUpdated = "profile-updated"

    public var label: String {
        switch self {
        case .accountCreated: "Création du compte"
        case .emailConfirmed: "Adresse électronique confirmée"
        case .signedIn: "Connexion"
        case .signInFailed: "Essai de connexion manqué"
        case .secondFactorFailed: "Code de connexion erroné"
        case .locked: "Compte verrouillé"
        case .signedOut: "Déconnexion"
        case .passwordChanged: "Mot de passe modifié"
        case .passwordReset: "Mot de passe réinitialisé"
        case .passwordResetRequested: "Demande de nouveau mot de passe"
        case .emailChangeRequested: "Demande de changement d'adresse électronique"
        case .emailChanged: "Adresse électronique modifiée"
        case .secondFactorEnabled: "Connexion avec un code activée"
        case .secondFactorDisabled: "Connexion avec un code désactivée"
        case .unlockCodeUsed: "Code de déblocage utilisé"
        case .profileUpdated: "Coordonnées modifiées"
        }
    }
}
