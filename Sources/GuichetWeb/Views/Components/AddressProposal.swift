import GuichetCore
@preconcurrency import Plot

/// *Votre saisie* beside *Adresse proposée* (SPEC §5): the warning, *Valider l'adresse
/// proposée* (its value is the proposal, so a proposal for an input changed since is not
/// taken) and the box that keeps the input. Shared by the change-of-address declaration
/// and *Mes coordonnées*.
struct AddressProposal: Component {
    var typed: [String]
    var proposal: [String]
    /// The address's form name: the buttons are `<field>.valider` and `<field>.refus`.
    var field: String
    var keepsTyped: Bool

    var body: Component {
        ComponentGroup {
            HTML.el("div", .class("address-review"), .id(field + "-comparaison")) {
                column("Votre saisie", typed, proposal: false)
                column("Adresse proposée", proposal, proposal: true)
            }
            Notice(.warning, headingLevel: 3, text: AddressReview.inexactWarning)
            HTML.el("div", .class("form-actions")) {
                ActionButton(label: "Valider l'adresse proposée", name: FieldNames.acceptProposal(field), value: proposal.joined(separator: "\n"))
            }
            // The box refuses this proposal, not one for an input changed since.
            HTML.void("input", .type("hidden"), .name(FieldNames.shownProposal(field)), .value(proposal.joined(separator: "\n")))
            SingleCheckbox(name: FieldNames.keepTyped(field), label: AddressReview.refusalLabel, isChecked: keepsTyped,
                           hint: "Cochez cette case puis enregistrez ou continuez pour garder l'adresse telle que vous l'avez saisie.")
        }
    }

    private func column(_ title: String, _ lines: [String], proposal: Bool) -> Component {
        HTML.el("div", .class(proposal ? "address-review__column address-review__column--proposal" : "address-review__column")) {
            HTML.el("h3") { HTML.text(title) }
            HTML.el("p", .class("address-lines")) {
                for (index, line) in lines.enumerated() {
                    if index > 0 { HTML.void("br") }
                    HTML.text(line)
                }
            }
        }
    }
}
