import Foundation
import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// *Dossiers reçus*: the tabs with their counts, the filters, the list and its pages.
struct InboxPage: PageView {
    var agent: Agent
    var page: AgentInbox.Page
    var errors = FieldErrors()

    var title: String { "Dossiers reçus" }
    var hasErrors: Bool { !errors.isEmpty }
    var space: SiteSpace { .agents(agent) }

    func content(_ context: PageContext) -> Component {
        let query = page.query
        return ComponentGroup {
            HTML.el("h1") { HTML.text("\(title) – \(agent.organisationName)") }
            ErrorSummary(errors: errors)
            HTML.el("nav", .class("tabs"), .aria("label", "États des dossiers")) {
                HTML.el("ul") {
                    for tab in InboxTab.allCases {
                        HTML.el("li") {
                            HTML.el("a", Attr("href", SiteURL.agentInbox.with(query.parameters(tab: tab))),
                                    .aria("current", tab == query.tab ? "page" : nil)) {
                                HTML.text("\(tab.label) (\(page.counts[tab] ?? 0))")
                            }
                        }
                    }
                }
            }
            filters(query)
            HTML.el("h2") { HTML.text("\(query.tab.label) : \(Text.counted(page.total, "dossier"))") }
            if page.items.isEmpty {
                HTML.el("p") { HTML.text(query.search == nil && query.procedureID == nil && query.from == nil && query.to == nil
                    ? "Aucun dossier dans cet onglet." : "Aucun dossier ne correspond à ces critères.") }
            } else {
                DataTable(caption: "Dossiers « \(query.tab.label) », du plus récent au plus ancien",
                          headings: ["Référence", "Démarche", "Transmis le", "Demandeur", "Dernier message"],
                          rows: page.items.map { item in [
                              HTML.el("a", .href(.agentDossier(.value(item.reference))), .class("reference")) { HTML.text(item.reference) },
                              HTML.text(item.procedureTitle),
                              HTML.text(FrenchDate.withTime(item.transmittedAt)),
                              HTML.text(item.applicant ?? "—"),
                              HTML.text(item.message.map { $0.count > 80 ? String($0.prefix(80)) + "…" : $0 } ?? ""),
                          ] })
                pagination(query)
            }
            HTML.el("p") {
                HTML.el("a", Attr("href", SiteURL.agentExport.with(query.parameters(page: 1))), .class("button button--secondary")) {
                    HTML.text("Exporter (CSV) les dossiers « \(query.tab.label) » de cette liste")
                }
            }
        }
    }

    private func filters(_ query: InboxQuery) -> Component {
        HTML.el("form", Attr("method", "get"), Attr("action", SiteURL.agentInbox.path), .class("filters"), .flag("novalidate")) {
            HTML.void("input", .type("hidden"), .name("onglet"), .value(query.tab.rawValue))
            HTML.el("fieldset") {
                HTML.el("legend") { HTML.text("Filtrer la liste") }
                SelectInput(name: "procedure", label: "Démarche", choices: page.procedures.map { Choice(value: $0.id, label: $0.title) },
                            selected: query.procedureID ?? "", error: errors["procedure"], isRequired: false, placeholder: "Toutes les démarches")
                DateInput(name: "du", label: "Transmis à partir du", value: query.from?.french ?? "", error: errors["du"], isRequired: false)
                DateInput(name: "au", label: "Transmis jusqu'au", value: query.to?.french ?? "", error: errors["au"], isRequired: false)
                TextInput(name: "q", label: "Référence ou nom du demandeur", value: query.search ?? "",
                          hint: "Sans tenir compte des accents ni des majuscules.", error: errors["q"], isRequired: false,
                          maxLength: InboxQuery.maximumSearchLength, spellcheck: false)
                HTML.el("div", .class("form-actions")) {
                    ActionButton(label: "Filtrer")
                    HTML.el("a", Attr("href", SiteURL.agentInbox.with([("onglet", query.tab.rawValue)])), .class("button button--tertiary")) {
                        HTML.text("Effacer les filtres")
                    }
                }
            }
        }
    }

    private func pagination(_ query: InboxQuery) -> Component {
        guard page.pageCount > 1 else { return EmptyComponent() }
        return HTML.el("nav", .class("pagination"), .aria("label", "Pages de la liste")) {
            HTML.el("p") { HTML.text("Page \(query.page) sur \(page.pageCount)") }
            HTML.el("ul") {
                if query.page > 1 {
                    HTML.el("li") { HTML.el("a", Attr("href", SiteURL.agentInbox.with(query.parameters(page: query.page - 1))), Attr("rel", "prev")) { HTML.text("Page précédente") } }
                }
                if query.page < page.pageCount {
                    HTML.el("li") { HTML.el("a", Attr("href", SiteURL.agentInbox.with(query.parameters(page: query.page + 1))), Attr("rel", "next")) { HTML.text("Page suivante") } }
                }
            }
        }
    }
}
