import Foundation
import GuichetCore
import GuichetOperations
import Vapor

extension Request {
    private struct CurrentUserKey: StorageKey { typealias Value = Account }

    /// The signed-in account, loaded once per request. A session whose account no
    /// longer exists is ended.
    func currentUser() async throws -> Account? {
        if let cached = storage[CurrentUserKey.self] { return cached }
        guard let id = session.userID else { return nil }
        guard let user = try await AccountProfile.account(id, in: operations) else {
            session.destroy()
            return nil
        }
        storage[CurrentUserKey.self] = user
        return user
    }

    /// The account of a page behind `RequireAccountMiddleware`.
    func user() async throws -> Account {
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
