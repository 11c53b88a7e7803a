@preconcurrency import Plot

/// A table of records: a caption (for screen readers), column headings, one row each.
struct DataTable: Component {
    var caption: String
    var headings: [String]
    var rows: [[Component]]

    var body: Component {
        HTML.el("table", .class("table")) {
            HTML.el("caption", .class("sr-only")) { HTML.text(caption) }
            HTML.el("thead") {
                HTML.el("tr") {
                    for heading in headings { HTML.el("th", Attr("scope", "col")) { HTML.text(heading) } }
                }
            }
            HTML.el("tbody") {
                for row in rows {
                    HTML.el("tr") {
                        for cell in row { HTML.el("td") { cell } }
                    }
                }
            }
        }
    }
}
