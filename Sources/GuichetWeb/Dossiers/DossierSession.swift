import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// What the browser session remembers of dossiers (SPEC §4: one procedure at a time per
/// browser session).
enum DossierSessionKeys {
    /// The dossier being filled.
    static let current = "dossier.current"
    /// What to open once the user has decided about the dossier in progress:
    /// `procedure:<id>` or `dossier:<uuid>`.
    static let next = "dossier.next"
    /// Dossiers transmitted from this session, which it may see without an account.
    static let recent = "dossier.recent"
    static let savedFlash = "dossier-saved"
    /// A draft saved without an account whose password was given in this session.
    static let unlocked = "dossier.unlocked"
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

extension Request {
    /// The dossier in progress in this session, if it can still be filled here: not yet
    /// transmitted, and not another account's. A dossier started without an account is
    /// taken into the account its user signs in to. `read` is that dossier when the
    /// caller has just read it: reading it again could see a state the caller did not.
    func currentDossier(read: DossierRecord? = nil) async throws -> DossierRecord? {
        guard let id = session[DossierSessionKeys.current].flatMap(UUID.init(uuidString:)) else { return nil }
        let found = if let read, read.id == id { read } else { try await Dossiers.find(id, on: db) }
        guard let dossier = found, dossier.state != .submitted else {
            session[DossierSessionKeys.current] = nil
            return nil
        }
        let user = try await currentUser()
        if let owner = dossier.userID, owner != user?.id {
            session[DossierSessionKeys.current] = nil
            return nil
        }
        if dossier.userID == nil, dossier.state == .draft, let userID = user?.id {
            try await Dossiers.adopt(dossier, userID: userID, now: now, on: db)
        }
        return dossier
    }

    func setCurrentDossier(_ id: UUID?) {
        session[DossierSessionKeys.current] = id?.uuidString
    }

    /// Remembers a transmitted dossier so this session can see its confirmation and
    /// receipt (the last five).
    func rememberSubmitted(_ id: UUID) {
        var recent = (session[DossierSessionKeys.recent] ?? "").split(separator: ",").map(String.init)
        recent.removeAll { $0 == id.uuidString }
        recent.append(id.uuidString)
        session[DossierSessionKeys.recent] = recent.suffix(5).joined(separator: ",")
    }

    /// Whether this request may see a transmitted dossier: its account, or the session
    /// it was transmitted from.
    func maySee(_ dossier: DossierRecord) async throws -> Bool {
        if let owner = dossier.userID, let user = try await currentUser(), user.id == owner { return true }
        guard let id = dossier.id else { return false }
        return (session[DossierSessionKeys.recent] ?? "").split(separator: ",").contains { $0 == id.uuidString }
    }

    /// The transmitted dossier of a `:reference` parameter that this request may see.
    func visibleSubmittedDossier() async throws -> DossierRecord {
        guard let typed = parameters.get("reference"), case .success(let reference) = DossierReference.parse(typed),
              let dossier = try await Dossiers.find(reference: reference.description, on: db),
              dossier.state == .submitted, try await maySee(dossier) else { throw WebError.notFound }
        return dossier
    }

    /// The definition of a dossier's procedure. A dossier whose procedure was withdrawn
    /// from the catalogue can no longer be filled.
    func procedure(of dossier: DossierRecord) throws -> Procedure {
        guard let procedure = guichet.procedures.procedure(dossier.procedureID) else {
            throw WebError.serviceUnavailable("Cette démarche n'est plus proposée en ligne. Adressez-vous directement à l'organisme concerné.")
        }
        return procedure
    }

    /// Checks answers against the procedure's rules as of today.
    var validationContext: ValidationContext {
        ValidationContext(today: CalendarDate(now), postalCodes: guichet.postalCodes, townHalls: guichet.townHalls)
    }
}
