/// Help content as data: topics, each a page of questions with short answers.
struct HelpTopic: Sendable {
    let slug: String
    let title: String
    let summary: String
    let questions: [HelpQuestion]
}

struct HelpQuestion: Sendable {
    let anchor: String
    let title: String
    let blocks: [HelpBlock]
}

enum HelpBlock: Sendable {
    case paragraph([HelpInline])
    case list([[HelpInline]])
}

/// A run of text inside a paragraph or list item.
enum HelpInline: Sendable, ExpressibleByStringLiteral {
    case text(String)
    case strong(String)
    /// A link to another site, opened as a normal link.
    case external(String, url: String)
    /// A link inside the portal.
    case page(String, SiteURL)

    init(stringLiteral value: String) {
        self = .text(value)
    }
}
