import FluentKit
import Foundation
import GuichetCore

/// What one call of an operation works with: the portal, a database handle, and who is
/// asking (the client address, for throttles and the security log). Front doors build
/// it from their request; commands and jobs from the application.
public struct OperationContext: Sendable {
    public let guichet: Guichet
    public let db: any Database
    /// The client's address as the front door established it (never a header value
    /// taken on trust); `"operator"` for commands, `"worker"` for jobs.
    public let clientAddress: String

    public init(guichet: Guichet, db: any Database, clientAddress: String) {
        self.guichet = guichet
        self.db = db
        self.clientAddress = clientAddress
    }

    /// What per-address limits count under (an IPv6 client by its /64).
    public var clientLimitKey: String { ClientAddress.limitKey(clientAddress) }

    /// The current time from the injected clock.
    public var now: Date { guichet.services.clock.now() }
    public var config: AppConfig { guichet.config }
    public var mailer: Mailer { guichet.mailer(now: now) }
    public var validationContext: ValidationContext { guichet.validationContext(now: now) }

    /// The same call on another database handle (inside a transaction).
    public func on(_ db: any Database) -> OperationContext {
        OperationContext(guichet: guichet, db: db, clientAddress: clientAddress)
    }
}
