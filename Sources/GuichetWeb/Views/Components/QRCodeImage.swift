import GuichetCore
@preconcurrency import Plot

/// A QR code drawn as inline SVG: sharp at any zoom, no image request, no script.
struct QRCodeImage: Component {
    var code: QRMatrix
    /// What the code holds, for people who cannot see it.
    var label: String

    var body: Component {
        let side = code.size + 2 * QRMatrix.quietZone
        return HTML.el("svg", Attr("xmlns", "http://www.w3.org/2000/svg"), Attr("viewBox", "0 0 \(side) \(side)"),
                       Attr("role", "img"), Attr("aria-label", label), .class("qr-code"), Attr("shape-rendering", "crispEdges")) {
            HTML.el("rect", Attr("width", "\(side)"), Attr("height", "\(side)"), Attr("fill", "#fff"))
            HTML.el("path", Attr("d", code.svgPath), Attr("fill", "#000"))
        }
    }
}
