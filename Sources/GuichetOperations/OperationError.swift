import Foundation
import GuichetCore
import GuichetStore

/// Failures an operation reports to any front door, which maps each to its own answer
/// (a French error page, an RFC 9457 problem, a command's exit code). Refusals a user
/// can correct are not errors: operations return them as field errors.
public enum OperationError: Error, Equatable, Sendable {
    /// A rate limit was reached; try again after this many seconds.
    case tooManyRequests(retryAfterSeconds: Int)
    /// The thing asked for does not exist for this caller (or not any more).
    case notFound
    /// The service cannot do it now (overloaded, a dependency down); the words say
    /// what to do, in French.
    case unavailable(String)
    /// The thing exists but cannot be used yet (a document the virus scanner has not
    /// released); the words say why, in French.
    case notReady(String)
    /// The caller may see the thing but not do this to it (an inbox reader's move); the
    /// words say why, in French.
    case forbidden(String)

    /// The French message of a rate limit.
    public static let tooManyRequestsMessage = "Vous avez fait trop de demandes en peu de temps. Patientez quelques minutes avant de recommencer."
    /// When the document pool is full.
    public static let busyMessage = "Le service est très sollicité. Réessayez dans quelques instants."
}

extension OperationError {
    /// Counts one event against a rule, or throws `tooManyRequests` when it is used up.
    static func limit(_ rule: GuichetCore.RateLimitRule, subject: String, in context: OperationContext) async throws {
        guard try await GuichetStore.RateLimiter.hit(rule, subject: subject, now: context.now, on: context.db) else {
            throw OperationError.tooManyRequests(retryAfterSeconds: Int(rule.window))
        }
    }
}

extension OperationError {
    /// A dossier deleted meanwhile (abandoned in another tab, expired) is not found —
    /// never an internal error.
    static func whileTheDossierExists<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch is DossierNotFound {
            throw OperationError.notFound
        }
    }
}
