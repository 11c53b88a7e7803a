import GuichetCore
@preconcurrency import Plot

/// How to reach an organisation: address, phone, email, website, opening hours.
struct ContactsBlock: Component {
    var contacts: Contacts

    var body: Component {
        HTML.el("dl", .class("contacts")) {
            if !contacts.address.isEmpty {
                HTML.el("dt") { HTML.text("Adresse") }
                HTML.el("dd") {
                    HTML.el("address") {
                        for (index, line) in contacts.address.enumerated() {
                            if index > 0 { HTML.void("br") }
                            HTML.text(line)
                        }
                    }
                }
            }
            if let phone = contacts.phone {
                HTML.el("dt") { HTML.text("Téléphone") }
                HTML.el("dd") {
                    HTML.el("a", .href("tel:" + phone.filter { $0.isNumber || $0 == "+" })) { HTML.text(phone) }
                    if let note = contacts.phoneNote { HTML.text(" – " + note) }
                }
            }
            if let email = contacts.email {
                HTML.el("dt") { HTML.text("Courriel") }
                HTML.el("dd") { HTML.el("a", .href("mailto:" + email)) { HTML.text(email) } }
            }
            if let website = contacts.website {
                HTML.el("dt") { HTML.text("Site internet") }
                HTML.el("dd") { HTML.el("a", .href(website)) { HTML.text(website) } }
            }
            if !contacts.hours.isEmpty {
                HTML.el("dt") { HTML.text("Horaires") }
                HTML.el("dd") {
                    HTML.el("ul", .class("plain-list")) {
                        for line in contacts.hours { HTML.el("li") { HTML.text(line) } }
                    }
                }
            }
        }
    }
}
