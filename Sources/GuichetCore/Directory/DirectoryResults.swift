import Foundation

/// Which page of results to show, from the `page` parameter of the search URL (links,
/// not scripts, move between pages). Whatever the parameter holds — nothing, "abc",
/// "-3", "99999999999999999999", a page past the end — it gives a page that exists.
public struct DirectoryPage: Sendable, Equatable {
    public static let defaultSize = 20

    /// From 1; 1 when there are no results.
    public let number: Int
    public let size: Int
    public let total: Int

    public init(requested: String?, total: Int, size: Int = defaultSize) {
        self.size = max(1, size)
        self.total = max(0, total)
        let pages = max(1, (self.total + self.size - 1) / self.size)
        let digits = (requested ?? "").trimmingCharacters(in: .whitespaces)
        let asked = digits.count <= 9 ? Int(digits) ?? 1 : (digits.allSatisfy(\.isNumber) ? pages : 1)
        number = min(max(1, asked), pages)
    }

    public var pageCount: Int { max(1, (total + size - 1) / size) }
    /// The offset for the database `LIMIT size OFFSET offset`.
    public var offset: Int { (number - 1) * size }
    /// The positions of this page's results among all of them.
    public var range: Range<Int> { min(offset, total)..<min(offset + size, total) }
    public var previous: Int? { number > 1 ? number - 1 : nil }
    public var next: Int? { number < pageCount ? number + 1 : nil }

    /// "Page 2 sur 5"
    public var label: String { "Page \(number) sur \(pageCount)" }
}

/// A page of directory results and how to talk about it.
public struct DirectoryResults: Sendable {
    public let query: DirectoryQuery
    public let page: DirectoryPage
    public let bodies: [PublicBody]

    public init(query: DirectoryQuery, page: DirectoryPage, bodies: [PublicBody]) {
        self.query = query
        self.page = page
        self.bodies = bodies
    }

    /// "3 organismes trouvés", or the French message for none.
    public var headline: String {
        switch page.total {
        case 0: "Aucun organisme ne correspond à votre recherche. Vérifiez l'orthographe, ou essayez avec moins de mots ou le code postal."
        case 1: "1 organisme trouvé"
        default: "\(page.total) organismes trouvés"
        }
    }
}
