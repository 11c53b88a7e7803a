import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Links sent by email carry a random single-use token; only its hash is stored.
enum EmailLinks {
    /// Issues a token for `purpose` and returns the link to `target` carrying it.
    static func issue(_ purpose: AccountTokenPurpose, userID: UUID, payload: String? = nil, target: LinkTarget,
                      guichet: Guichet, now: Date, on db: any Database) async throws -> String {
        let token = SecureToken.generate()
        try await AccountTokens.issue(userID: userID, purpose: purpose, tokenHash: TokenHash.sha256(token),
                                      payload: payload, now: now, on: db)
        return guichet.link(target, token: token)
    }

    /// The unexpired token of `purpose`, used up; nil when expired, used or unknown.
    static func consume(_ token: String, purpose: AccountTokenPurpose, now: Date, on db: any Database) async throws -> (userID: UUID, payload: String?)? {
        try await AccountTokens.consume(tokenHash: TokenHash.sha256(token), purpose: purpose, now: now, on: db)
    }
}
