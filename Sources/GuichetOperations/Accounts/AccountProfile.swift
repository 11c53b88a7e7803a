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
        switch form.validate(postalCodes: context.guichet.postalCodes, today: CalendarDate(context.now)) {
        case .failure(let errors):
            return .refused(errors)
        case .success(var profile):
            let old = account.profile
            let changed = (profile.addressLine1, profile.addressLine2, profile.postalCode, profile.city)
                != (old.addressLine1, old.addressLine2, old.postalCode, old.city)
            // A profile may hold only a commune (it pre-fills the place of residence).
            if changed, !profile.addressLine1.isEmpty {
                var errors = FieldErrors()
                switch AddressReview.review(DeliveryAddress(profile: profile), decision: decision, check: context.validationContext.addressCheck) {
                case .settled(_, let input, let keptAsTyped, let commune):
                    if !keptAsTyped {
                        let address = DeliveryAnswer(input: input, inseeCode: commune.inseeCode).postalAddress
                        (profile.addressLine1, profile.addressLine2, profile.postalCode, profile.city)
                            = (address.line1, address.line2, address.postalCode, address.city)
                    }
                case .review(let proposal):
                    errors.add("addressLine1", AddressReview.reviewMessage)
                    return .review(proposal: proposal.lines, errors: errors)
                case .chooseCommune(let communes):
                    errors.add("city", AddressReview.chooseCommuneMessage(communes))
                    return .refused(errors)
                case .refused(let field, let message, _):
                    errors.add(field == .street ? "addressLine1" : field == .postalCode ? "postalCode" : "city", message)
                    return .refused(errors)
                }
            }
            let user = try await AccountOptions.record(account, in: context)
            try await Accounts.saveProfile(user, profile, now: context.now, on: context.db)
            try await context.log(.profileUpdated, for: account.id)
            return .saved
        }
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
