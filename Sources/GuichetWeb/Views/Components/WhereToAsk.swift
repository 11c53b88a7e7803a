import Foundation
import GuichetCore
@preconcurrency import Plot

/// *Où s'informer*: the bodies of the directory that serve the person's commune for a
/// procedure, with a link to each one's page (SPEC §8). Nothing when none is known.
struct WhereToAsk: Component {
    var bodies: [PublicBody]
    var now: Date

    var body: Component {
        ComponentGroup {
            if !bodies.isEmpty {
                HTML.el("section", .class("where-to-ask"), .aria("labelledby", "ou-s-informer")) {
                    HTML.el("h2", .id("ou-s-informer")) { HTML.text("Où s'informer") }
                    for body in bodies {
                        HTML.el("div", .class("organisation")) {
                            HTML.el("h3") { HTML.el("a", .href(.directoryBody(.value(body.id)))) { HTML.text(body.name) } }
                            if !body.address.isEmpty {
                                HTML.el("address") {
                                    for (index, line) in body.address.enumerated() {
                                        if index > 0 { HTML.void("br") }
                                        HTML.text(line)
                                    }
                                }
                            }
                            if let phone = body.phones.first {
                                HTML.el("p") {
                                    HTML.text("Téléphone : ")
                                    HTML.el("a", .href("tel:" + phone.number.filter { $0.isNumber || $0 == "+" })) { HTML.text(phone.number) }
                                }
                            }
                            if let status = body.status(at: now) { HTML.el("p", .class("opening-status")) { HTML.text(status.text) } }
                        }
                    }
                    HTML.el("p") {
                        HTML.text("D'autres organismes dans l'")
                        HTML.el("a", .href(.directory)) { HTML.text("annuaire de l'administration") }
                        HTML.text(".")
                    }
                }
            }
        }
    }
}
