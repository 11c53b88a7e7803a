import Foundation

/// The places emails send people to. The web front door maps each to its route
/// (`SiteURL`), so a path is still written in one place only.
public enum LinkTarget: Sendable, Equatable {
    case activate
    case resetPassword
    case confirmEmailChange
    case activity
    case activityDossier(reference: String)
    case lookup
    case resume(number: String)
    case accountLinks
    /// An agent's invitation (the organisations' inbox).
    case agentInvitation
}

public protocol PortalLinks: Sendable {
    /// The percent-encoded path of a target, starting with `/`.
    func path(_ target: LinkTarget) -> String
}

extension Guichet {
    /// The absolute address of a target, for an email.
    public func link(_ target: LinkTarget) -> String {
        config.baseURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + links.path(target)
    }

    /// A link carrying a single-use token (`?jeton=…`).
    public func link(_ target: LinkTarget, token: String) -> String {
        link(target) + "?jeton=" + token
    }
}
