import Foundation
import GuichetStore
import Vapor

extension Request {
    private struct CurrentUserKey: StorageKey { typealias Value = UserRecord }

    /// The signed-in account, loaded once per request. A session whose account no
    /// longer exists is ended.
    func currentUser() async throws -> UserRecord? {
        if let cached = storage[CurrentUserKey.self] { return cached }
        guard let id = session.userID else { return nil }
        guard let user = try await Accounts.find(id, on: db) else {
            session.destroy()
            return nil
        }
        storage[CurrentUserKey.self] = user
        return user
    }

    /// The account of a page behind `RequireAccountMiddleware`.
    func user() async throws -> UserRecord {
        guard let user = try await currentUser() else { throw Abort(.unauthorized) }
        return user
    }
}

/// Guards *Mon compte*: without a signed-in session, the visitor is sent to the
/// sign-in page, which brings them back afterwards.
struct RequireAccountMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try await request.currentUser() != nil else {
            var query = [("retour", request.url.path)]
            if request.session.hasExpired { query.append(("session", "expiree")) }
            return request.redirect(to: SiteURL.signIn.with(query), redirectType: .normal)
        }
        return try await next.respond(to: request)
    }
}

/// Where to go after signing in: only a path of this site, never another origin.
enum ReturnPath {
    static func validated(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"), raw.count <= 300,
              !raw.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } == true }) else { return nil }
        return raw
    }
}

/// Keys of what the session remembers between the steps of account flows.
enum SessionKeys {
    /// Password accepted, second factor awaited.
    static let pendingUser = "pending.user"
    static let pendingChallenge = "pending.challenge"
    static let pendingSince = "pending.since"
    static let pendingReturn = "pending.return"
    /// Password accepted for an account whose address is not yet confirmed.
    static let unconfirmedUser = "unconfirmed.user"
    static let enrolChallenge = "enrol.challenge"
    static let enrolTOTPSecret = "enrol.totp"
}
