import Foundation
import GuichetOperations

/// Everything the site remembers in a browser session, typed, in one place. Stored as
/// string values under these keys in the session row.
extension SessionBox {
    private enum Key: String {
        /// Password accepted, second factor awaited (`SignIn.Pending`, JSON).
        case pendingSignIn = "pending.signin"
        /// Password accepted for an account whose address is not yet confirmed.
        case unconfirmedUser = "unconfirmed.user"
        /// The SMS challenge of a second-factor enrolment.
        case smsEnrolment = "enrol.challenge"
        /// The authenticator key being enrolled, sealed for the account.
        case authenticatorKey = "enrol.totp"
        /// The dossier being filled (SPEC §4: one procedure at a time per session).
        case currentDossier = "dossier.current"
        /// What to open once the user has decided about the dossier in progress.
        case nextOpening = "dossier.next"
        /// Dossiers transmitted from this session, which it may see without an account.
        case recentDossiers = "dossier.recent"
        /// A draft saved without an account whose password was given in this session.
        case unlockedDossier = "dossier.unlocked"
    }

    private func uuid(_ key: Key) -> UUID? { self[key.rawValue].flatMap(UUID.init(uuidString:)) }

    var pendingSignIn: SignIn.Pending? {
        get { self[Key.pendingSignIn.rawValue].flatMap { try? JSONDecoder().decode(SignIn.Pending.self, from: Data($0.utf8)) } }
        set { self[Key.pendingSignIn.rawValue] = newValue.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) } }
    }

    var unconfirmedUser: UUID? {
        get { uuid(.unconfirmedUser) }
        set { self[Key.unconfirmedUser.rawValue] = newValue?.uuidString }
    }

    var smsEnrolment: UUID? {
        get { uuid(.smsEnrolment) }
        set { self[Key.smsEnrolment.rawValue] = newValue?.uuidString }
    }

    var authenticatorKey: String? {
        get { self[Key.authenticatorKey.rawValue] }
        set { self[Key.authenticatorKey.rawValue] = newValue }
    }

    var currentDossier: UUID? {
        get { uuid(.currentDossier) }
        set { self[Key.currentDossier.rawValue] = newValue?.uuidString }
    }

    var nextOpening: PendingOpening? {
        get { PendingOpening(self[Key.nextOpening.rawValue]) }
        set { self[Key.nextOpening.rawValue] = newValue?.stored }
    }

    /// The last five dossiers transmitted from this session, oldest first.
    var recentDossiers: [UUID] {
        get { (self[Key.recentDossiers.rawValue] ?? "").split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
        set { self[Key.recentDossiers.rawValue] = newValue.suffix(5).map(\.uuidString).joined(separator: ",") }
    }

    var unlockedDossier: UUID? {
        get { uuid(.unlockedDossier) }
        set { self[Key.unlockedDossier.rawValue] = newValue?.uuidString }
    }

    /// Ends a pending sign-in (either step).
    func clearPendingSignIn() {
        pendingSignIn = nil
        unconfirmedUser = nil
    }
}

/// One-time messages for the next page, by the page that shows them.
enum Flash: String {
    case catalogue, contact, options, profile, signup, wallet, activity
    case emailChange = "email-change"
    /// The unlock code of a second factor just enabled (`<kind>:<code>`).
    case unlockCode = "unlock"
    case dossierSaved = "dossier-saved"
}

extension SessionBox {
    func flash(_ flash: Flash, _ value: String) { self.flash(flash.rawValue, value) }
    func takeFlash(_ flash: Flash) -> String? { takeFlash(flash.rawValue) }
}

/// What the user wanted to open while another dossier was in progress.
enum PendingOpening: Equatable {
    case procedure(String)
    case dossier(UUID)

    init?(_ text: String?) {
        guard let text else { return nil }
        if text.hasPrefix("procedure:") { self = .procedure(String(text.dropFirst(10))) }
        else if text.hasPrefix("dossier:"), let id = UUID(uuidString: String(text.dropFirst(8))) { self = .dossier(id) }
        else { return nil }
    }

    var stored: String {
        switch self {
        case .procedure(let id): "procedure:" + id
        case .dossier(let id): "dossier:" + id.uuidString
        }
    }
}
