import GuichetOperations

/// The routes emails link to, for the operations (which know no routes).
public struct SiteLinks: PortalLinks {
    public init() {}

    public func path(_ target: LinkTarget) -> String {
        switch target {
        case .activate: SiteURL.activate.path
        case .resetPassword: SiteURL.resetPassword.path
        case .confirmEmailChange: SiteURL.confirmEmailChange.path
        case .activity: SiteURL.activity.path
        case .activityDossier(let reference): SiteURL.activityDossier(.value(reference)).path
        case .lookup: SiteURL.lookup.path
        case .resume(let number): SiteURL.resume(.value(number)).path
        case .accountLinks: SiteURL.accountLinks.path
        case .agentInvitation: SiteURL.agentInvitation.path
        }
    }
}
