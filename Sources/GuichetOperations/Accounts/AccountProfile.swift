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

    /// Saves *Mes coordonnées*; the field errors when the form is wrong.
    public static func save(_ account: Account, form: ProfileForm, in context: OperationContext) async throws -> FieldErrors? {
        switch form.validate(postalCodes: context.guichet.postalCodes, today: CalendarDate(context.now)) {
        case .failure(let errors):
            return errors
        case .success(let profile):
            let user = try await AccountOptions.record(account, in: context)
            try await Accounts.saveProfile(user, profile, now: context.now, on: context.db)
            try await context.log(.profileUpdated, for: account.id)
            return nil
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
