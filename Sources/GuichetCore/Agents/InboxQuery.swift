import Foundation

/// What an agent asks of the inbox: a tab, filters and a page (SPEC §6). Read from the
/// query string by `parse`, which keeps what it could read and says what it could not.
public struct InboxQuery: Sendable, Equatable {
    public var tab: InboxTab = .toProcess
    public var procedureID: String?
    /// Transmitted on or after this day (Paris time).
    public var from: CalendarDate?
    /// Transmitted on or before this day (Paris time).
    public var to: CalendarDate?
    /// A reference or part of the applicant's name, as typed.
    public var search: String?
    /// From 1.
    public var page = 1

    public init() {}

    public static let maximumSearchLength = 100

    /// Reads the inbox's query parameters: `onglet`, `procedure`, `du`, `au`, `q`, `page`.
    /// A bad value is left out of the query and reported for its field.
    public static func parse(_ parameters: [String: String], procedures: Set<String>) -> (InboxQuery, FieldErrors) {
        var query = InboxQuery()
        var errors = FieldErrors()
        if let tab = parameters["onglet"].flatMap(InboxTab.init(rawValue:)) { query.tab = tab }
        if let procedure = nonEmpty(parameters["procedure"]) {
            if procedures.contains(procedure) { query.procedureID = procedure } else { errors.add("procedure", "Choisissez une démarche de la liste.") }
        }
        for (name, label) in [("du", "début"), ("au", "fin")] {
            guard let text = nonEmpty(parameters[name]) else { continue }
            guard let date = CalendarDate(iso: text) ?? CalendarDate(french: text) else {
                errors.add(name, "Saisissez la date de \(label) au format jj/mm/aaaa, par exemple 01/12/2026.")
                continue
            }
            if name == "du" { query.from = date } else { query.to = date }
        }
        if let from = query.from, let to = query.to, from > to {
            errors.add("au", "La date de fin doit être le même jour ou après la date de début.")
            query.to = nil
        }
        if let search = nonEmpty(parameters["q"]) {
            if search.count > maximumSearchLength || Text.containsControlCharacters(search) {
                errors.add("q", "Saisissez au plus \(maximumSearchLength) caractères : une référence ou un nom.")
            } else {
                query.search = search
            }
        }
        if let page = parameters["page"].flatMap(Int.init), page >= 1, page <= 100_000 { query.page = page }
        return (query, errors)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// The first instant of `from` and the first instant after `to`, in Paris.
    public var interval: (start: Date?, end: Date?) {
        (from?.startOfDay, to.map { $0.adding(days: 1).startOfDay })
    }

    /// The search as stored for names (folded) and as references are written.
    public var foldedSearch: String? { search.map(Text.folded) }
    public var referenceSearch: String? { search?.uppercased().replacingOccurrences(of: " ", with: "") }

    /// The query string of this query with another tab or page (for links).
    public func parameters(tab: InboxTab? = nil, page: Int? = nil) -> [(String, String)] {
        var result = [("onglet", (tab ?? self.tab).rawValue)]
        if let procedureID { result.append(("procedure", procedureID)) }
        if let from { result.append(("du", from.iso)) }
        if let to { result.append(("au", to.iso)) }
        if let search { result.append(("q", search)) }
        let page = page ?? (tab == nil ? self.page : 1)
        if page > 1 { result.append(("page", String(page))) }
        return result
    }
}

extension CalendarDate {
    /// Midnight at the start of the day in metropolitan France.
    public var startOfDay: Date {
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        return Self.calendar.date(from: components)!
    }
}
