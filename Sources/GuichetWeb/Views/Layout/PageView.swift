import GuichetOperations
@preconcurrency import Plot

/// What a page gives the layout: its title and its main content.
protocol PageView {
    /// The page title (the `<h1>` and, followed by the site name, the `<title>`).
    var title: String { get }
    /// When the page shows validation errors, the `<title>` starts with "Erreur : ".
    var hasErrors: Bool { get }
    /// The trail above the title, from the home page; the current page is added.
    var breadcrumb: [(label: String, url: SiteURL)] { get }
    /// Which front door the page belongs to: the header differs.
    var space: SiteSpace { get }
    func content(_ context: PageContext) -> Component
}

/// The citizens' site, or the organisations' space (with its signed-in agent, if any).
enum SiteSpace {
    case citizens
    case agents(Agent?)
}

extension PageView {
    var space: SiteSpace { .citizens }
    var hasErrors: Bool { false }
    var breadcrumb: [(label: String, url: SiteURL)] { [] }
}

/// Per-request facts the layout and forms need.
struct PageContext: Sendable {
    var csrfToken: String
    var currentPath: String
    var isSignedIn: Bool
    var showsDevelopmentTools: Bool
    var assets: AssetCatalog
}
