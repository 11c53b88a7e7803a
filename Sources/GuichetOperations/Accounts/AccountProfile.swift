import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// The signed-in account: finding it for a session, *Mes coordonnées*, and the
/// *Historique de sécurité*.
public enum AccountProfile {
    /// The account a session names; nil when it no longer exists.
    public static func account(_ id: UUID, in context: OperationContext) async throws -> Account? {
        try await Accounts.find(id, on: context.db)?.account
    }

    public enum SaveOutcome: Sendable, Equatable {
        case saved
        /// Nothing saved: the problems, by input.
        case refused(FieldErrors)
        /// Nothing saved: La Poste writes the new address differently; the page shows the
        /// proposal beside the input for a decision (SPEC §5, as in the declaration).
        case review(proposal: [String], errors: FieldErrors)
    }

    /// The form name of the address's *Valider* button and refusal box.
    public static let addressField = "adresse"

    /// Saves *Mes coordonnées*. A changed postal address goes through the La Poste check
    /// (`AddressReview`); `decision` is the person's answer to a proposal already shown.
    public static func save(_ account: Account, form: ProfileForm, decision: AddressReview.Decision = .undecided,
                            in context: OperationContext) async throws -> SaveOutcome {
        let old = account.profile
        let typed = (Text.normalized(form.addressLine1), Text.normalized(form.addressLine2),
                     Text.normalized(form.postalCode).filter { !$0.isWhitespace }, Text.normalized(form.city))
        let changed = typed != (old.addressLine1, old.addressLine2, old.postalCode, old.city)
        // A profile may hold only a commune (it pre-fills the place of residence): that is
        // checked by the plain rules. An address with a delivery line goes to La Poste's.
        let reviewed = changed && !(typed.0.isEmpty && typed.1.isEmpty)
        var errors = FieldErrors()
        var valid: Profile?
        switch form.validate(postalCodes: context.guichet.postalCodes, today: CalendarDate(context.now),
                             addressRules: !changed ? .unchanged : reviewed ? .linesOnly : .full) {
        case .failure(let problems): errors = problems
        case .success(let profile): valid = profile
        }
        // Judged even when another field is wrong, so that every problem shows at once.
        var proposal: [String]?
        if reviewed {
            let address = DeliveryAddress(profile: Profile(addressLine1: typed.0, addressLine2: typed.1, postalCode: typed.2, city: typed.3))
            switch AddressReview.review(address, decision: decision, check: context.validationContext.addressCheck) {
            case .settled(_, let input, let keptAsTyped, let commune, _):
                if !keptAsTyped, var profile = valid {
                    let address = DeliveryAnswer(input: input, inseeCode: commune.inseeCode, communeName: AddressReview.officialName(commune)).postalAddress
                    (profile.addressLine1, profile.addressLine2, profile.postalCode, profile.city) = (address.line1, address.line2, address.postalCode, address.city)
                    valid = profile
                }
            case .review(let proposed):
                if errors["addressLine1"] == nil { errors.add("addressLine1", AddressReview.reviewMessage) }
                proposal = proposed.lines
            case .chooseCommune(let communes):
                if errors["city"] == nil { errors.add("city", AddressReview.chooseCommuneMessage(communes)) }
            case .refused(let field, let message, _):
                let name = field == .street ? "addressLine1" : field == .postalCode ? "postalCode" : "city"
                if errors[name] == nil { errors.add(name, message) }
            }
        }
        guard errors.isEmpty, let profile = valid else {
            return proposal.map { .review(proposal: $0, errors: errors) } ?? .refused(errors)
        }
        let user = try await AccountOptions.record(account, in: context)
        try await Accounts.saveProfile(user, profile, now: context.now, on: context.db)
        try await context.log(.profileUpdated, for: account.id)
        return .saved
    }

    /// One line of the security log.
    public struct LogEntry: Sendable, Equatable {
        public let date: Date
        public let label: String
        public let address: String
    }

    public static func securityLog(_ account: Account, in context: OperationContext) async throws -> [LogEntry] {
        try await SecurityEvents.recent(userID: account.id, on: context.db).map {
            LogEntry(date: $0.createdAt, label: SecurityEventKind(rawValue: $0.kind)?.label ?? $0.kind, address: $0.clientAddress)
        }
    }
}
