import Foundation
import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// *Annuaire de l'administration*: the search box, then the results with their paging
/// links (no script needed), or the French message for a query that cannot be searched.
struct DirectorySearchPage: PageView {
    var typed: String
    /// Nil before the first search.
    var outcome: DirectorySearch.Outcome?
    var now: Date

    var title: String {
        guard case .results(let results, _)? = outcome else { return "Annuaire de l'administration" }
        return results.page.pageCount > 1 ? "Annuaire de l'administration – \(results.page.label)" : "Annuaire de l'administration"
    }

    var breadcrumb: [(label: String, url: SiteURL)] { [("Aide", .help)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text("Annuaire de l'administration") }
            HTML.el("p") { HTML.text("Trouvez la mairie, la préfecture, la CAF, la caisse d'assurance maladie ou le centre des finances publiques qui traite votre dossier : adresse, téléphone et horaires d'ouverture.") }
            if case .refused(let message)? = outcome { Notice(.warning, text: message) }
            if case .results(_, let notice?)? = outcome { Notice(.warning, text: notice) }
            HTML.el("form", Attr("method", "get"), Attr("action", SiteURL.directory.path), Attr("role", "search"), .class("catalogue-search")) {
                TextInput(name: "q", label: "Nom, type d'organisme, commune ou code postal", value: typed,
                          hint: "Par exemple : mairie de Lyon, CAF 69, préfecture Nantes, 33000", isRequired: false,
                          maxLength: DirectoryQuery.maximumLength)
                HTML.el("div", .class("form-actions")) { ActionButton(label: "Rechercher") }
            }
            if case .results(let results, _)? = outcome { resultList(results) }
        }
    }

    private func resultList(_ results: DirectoryResults) -> Component {
        ComponentGroup {
            HTML.el("div", Attr("role", "status")) {
                HTML.el("h2", .id("resultats")) { HTML.text(results.headline) }
            }
            if !results.bodies.isEmpty {
                if results.page.pageCount > 1 { HTML.el("p") { HTML.text(results.page.label) } }
                HTML.el("ol", .class("procedure-list"), .aria("labelledby", "resultats"), Attr("start", String(results.page.offset + 1))) {
                    for body in results.bodies {
                        HTML.el("li", .class("procedure-list__item")) {
                            HTML.el("h3", .class("procedure-list__title")) {
                                HTML.el("a", .href(.directoryBody(.value(body.id)))) { HTML.text(body.name) }
                            }
                            HTML.el("p", .class("procedure-list__meta")) {
                                HTML.text(([body.kindLabels.joined(separator: ", ")] + [body.address.last ?? ""]).filter { !$0.isEmpty }.joined(separator: " – "))
                            }
                            if let status = body.status(at: now) { HTML.el("p", .class("opening-status")) { HTML.text(status.text) } }
                        }
                    }
                }
                pager(results.page)
            }
        }
    }

    private func pager(_ page: DirectoryPage) -> Component {
        ComponentGroup {
            if page.pageCount > 1 {
                HTML.el("nav", .class("pager"), .aria("label", "Pages de résultats")) {
                    HTML.el("ul", .class("pager__list")) {
                        if let previous = page.previous {
                            HTML.el("li") { HTML.el("a", .href(link(previous)), Attr("rel", "prev")) { HTML.text("Page précédente") } }
                        }
                        if let next = page.next {
                            HTML.el("li") { HTML.el("a", .href(link(next)), Attr("rel", "next")) { HTML.text("Page suivante") } }
                        }
                    }
                }
            }
        }
    }

    private func link(_ page: Int) -> String {
        SiteURL.directory.with([("q", typed), ("page", String(page))])
    }
}

/// A body of the directory: where it is, how to reach it, when it is open.
struct PublicBodyPage: PageView {
    var body: PublicBody
    var now: Date

    var title: String { body.name }
    var breadcrumb: [(label: String, url: SiteURL)] { [("Aide", .help), ("Annuaire de l'administration", .directory)] }

    func content(_ context: PageContext) -> Component {
        ComponentGroup {
            HTML.el("h1") { HTML.text(body.name) }
            if !body.kindLabels.isEmpty { HTML.el("p", .class("organisation__kind")) { HTML.text(body.kindLabels.joined(separator: ", ")) } }
            if let status = body.status(at: now) {
                HTML.el("p", .class(status.isOpen ? "opening-status opening-status--open" : "opening-status")) {
                    HTML.el("strong") { HTML.text(status.text) }
                    if let detail = status.detail { HTML.text(" – " + detail) }
                }
            }
            HTML.el("dl", .class("contacts")) {
                if !body.address.isEmpty { lines("Adresse", body.address) }
                if !body.postalAddress.isEmpty, body.postalAddress != body.address { lines("Adresse postale", body.postalAddress) }
                for phone in body.phones {
                    HTML.el("dt") { HTML.text("Téléphone" + (phone.description.map { " (\($0))" } ?? "")) }
                    HTML.el("dd") { HTML.el("a", .href("tel:" + phone.number.filter { $0.isNumber || $0 == "+" })) { HTML.text(phone.number) } }
                }
                for email in body.emails {
                    HTML.el("dt") { HTML.text("Courriel") }
                    HTML.el("dd") { HTML.el("a", .href("mailto:" + email)) { HTML.text(email) } }
                }
                for website in body.websites {
                    HTML.el("dt") { HTML.text("Site internet") }
                    HTML.el("dd") { HTML.el("a", .href(website.url)) { HTML.text(website.label ?? website.url) } }
                }
            }
            HTML.el("h2") { HTML.text("Horaires d'ouverture") }
            if body.schedule.rows.isEmpty {
                HTML.el("p") { HTML.text("Horaires non communiqués : renseignez-vous par téléphone avant de vous déplacer.") }
            } else {
                DataTable(caption: "Horaires d'ouverture de la semaine", headings: ["Jour", "Horaires"],
                          rows: body.schedule.rows.map { row in
                              [HTML.text(row.dayName), HTML.text(([row.hours] + row.notes).joined(separator: " – "))]
                          })
            }
            if let modified = body.modifiedAt {
                HTML.el("p", .class("hint")) { HTML.text("Informations mises à jour le \(FrenchDate.long(modified)).") }
            }
        }
    }

    private func lines(_ label: String, _ lines: [String]) -> Component {
        ComponentGroup {
            HTML.el("dt") { HTML.text(label) }
            HTML.el("dd") {
                HTML.el("address") {
                    for (index, line) in lines.enumerated() {
                        if index > 0 { HTML.void("br") }
                        HTML.text(line)
                    }
                }
            }
        }
    }
}
