import Foundation
import GuichetCore
import GuichetOperations
@preconcurrency import Plot

/// One field of a procedure definition, drawn with the form components: its label,
/// hint, error and the answer shown (as typed after an error, otherwise as stored).
struct ProcedureFieldInput: Component {
    /// What an attachment field shows besides its file input.
    struct AttachmentContext {
        /// The document attached so far: its title and download link.
        var current: (title: String, url: SiteURL)?
        /// The wallet documents that can be picked; nil without an account.
        var wallet: [Choice]?
    }

    var field: FieldDefinition
    var answer: AnswerValue?
    var errors: FieldErrors
    var attachment = AttachmentContext()

    var body: Component {
        let error = errors[field.id]
        switch field.type {
        case .text where field.multiline:
            return TextAreaInput(name: field.id, label: field.label, value: text, hint: field.hint, error: error,
                                 isRequired: field.required, maxLength: field.effectiveMaxLength, rows: 5)
        case .text:
            return TextInput(name: field.id, label: field.label, value: text, hint: field.hint, error: error,
                             isRequired: field.required, autocomplete: autocomplete, maxLength: field.effectiveMaxLength)
        case .number:
            return TextInput(name: field.id, label: field.label, value: text, hint: field.hint, error: error,
                             isRequired: field.required, inputMode: "numeric", maxLength: 12, width: "short")
        case .date, .moveDate:
            return DateInput(name: field.id, label: field.label, value: text, hint: field.hint, error: error,
                             isRequired: field.required, autocomplete: autocomplete)
        case .email:
            return TextInput.email(name: field.id, label: field.label, value: text, hint: field.hint ?? EmailAddress.hint,
                                   error: error, isRequired: field.required, autocomplete: autocomplete ?? "email")
        case .phone:
            return TextInput(name: field.id, label: field.label, value: text, type: "tel",
                             hint: field.hint ?? "Par exemple : 06 12 34 56 78", error: error,
                             isRequired: field.required, autocomplete: autocomplete ?? "tel", maxLength: 20, width: "medium")
        case .choice:
            let choices = field.choices.map { Choice(value: $0.value, label: $0.label) }
            if choices.count > 5 {
                return SelectInput(name: field.id, label: field.label, choices: choices, selected: text, hint: field.hint,
                                   error: error, isRequired: field.required)
            }
            return ChoiceGroup(kind: .radio, name: field.id, legend: field.label, choices: choices, selected: [text],
                               hint: field.hint, error: error, isRequired: field.required)
        case .checkboxes:
            var selected: [String] = []
            if case .choices(let values) = answer { selected = values }
            return ChoiceGroup(kind: .checkbox, name: field.id, legend: field.label,
                               choices: field.choices.map { Choice(value: $0.value, label: $0.label) }, selected: selected,
                               hint: field.hint, error: error, isRequired: field.required)
        case .address:
            return addressInputs
        case .commune:
            return communeInputs
        case .attachment:
            return attachmentInputs
        case .deliveryAddress:
            return deliveryInputs
        case .fileNumbers:
            return fileNumberInputs
        }
    }

    private var text: String {
        if case .text(let value) = answer { return value }
        return ""
    }

    /// The browser's autofill names for the profile fields a field is bound to.
    private var autocomplete: String? {
        switch field.prefill {
        case .lastName: "family-name"
        case .firstNames: "given-name"
        case .birthDate: "bday"
        case .email: "email"
        case .mobilePhone, .phone, .landlinePhone: "tel"
        default: nil
        }
    }

    private var addressInputs: Component {
        var address = PostalAddress(line1: "", postalCode: "", city: "")
        if case .address(let value) = answer { address = value }
        let id = field.id
        return group {
            TextInput(name: FieldNames.line1(id), label: "Numéro et voie", value: address.line1, hint: "Par exemple : 12 rue de la Paix",
                      error: errors[FieldNames.line1(id)], isRequired: field.required, autocomplete: "address-line1", maxLength: 100)
            TextInput(name: FieldNames.line2(id), label: "Complément d'adresse", value: address.line2, hint: "Bâtiment, étage, lieu-dit…",
                      error: errors[FieldNames.line2(id)], isRequired: false, autocomplete: "address-line2", maxLength: 100)
            TextInput(name: FieldNames.postalCode(id), label: "Code postal", value: address.postalCode,
                      error: errors[FieldNames.postalCode(id)], isRequired: field.required, autocomplete: "postal-code",
                      inputMode: "numeric", maxLength: 5, width: "short")
            TextInput(name: FieldNames.commune(id), label: "Commune", value: address.city, error: errors[FieldNames.commune(id)],
                      isRequired: field.required, autocomplete: "address-level2", maxLength: 100)
        }
    }

    private var communeInputs: Component {
        var commune = CommuneAnswer(postalCode: "", name: "")
        if case .commune(let value) = answer { commune = value }
        let id = field.id
        return group {
            TextInput(name: FieldNames.postalCode(id), label: "Code postal", value: commune.postalCode,
                      error: errors[FieldNames.postalCode(id)], isRequired: field.required, inputMode: "numeric",
                      maxLength: 5, width: "short")
            TextInput(name: FieldNames.commune(id), label: "Commune", value: commune.name, error: errors[FieldNames.commune(id)],
                      isRequired: field.required, maxLength: 100)
        }
    }

    /// A La Poste address: one input per line of the layout, and when La Poste writes it
    /// differently, *Votre saisie* beside *Adresse proposée* with *Valider* and the box
    /// that keeps the input.
    private var deliveryInputs: Component {
        var answer = DeliveryAnswer(input: DeliveryAddress())
        if case .delivery(let value) = self.answer { answer = value }
        let id = field.id, input = answer.input
        return group {
            if let proposal = answer.proposal {
                AddressProposal(typed: AddressReview.typedLines(input), proposal: proposal, field: id, keepsTyped: answer.decision.keepsTyped)
            }
            TextInput(name: FieldNames.deliveryPoint(id), label: "Appartement, étage, couloir", value: input.deliveryPoint,
                      hint: "Par exemple : Appartement 12, 3e étage", error: errors[FieldNames.deliveryPoint(id)], isRequired: false,
                      maxLength: 100)
            TextInput(name: FieldNames.building(id), label: "Entrée, bâtiment, résidence", value: input.building,
                      hint: "Par exemple : Bâtiment B, Résidence Les Tilleuls", error: errors[FieldNames.building(id)], isRequired: false,
                      maxLength: 100)
            TextInput(name: FieldNames.street(id), label: "Numéro et voie", value: input.street,
                      hint: "Par exemple : 12 bis avenue du Général Leclerc. Sans voie, donnez le lieu-dit ou la boîte postale ci-dessous.",
                      error: errors[FieldNames.street(id)], isRequired: false, autocomplete: "address-line1", maxLength: 100,
                      isMarkedOptional: false)
            TextInput(name: FieldNames.locality(id), label: "Lieu-dit, boîte postale", value: input.locality,
                      hint: "À défaut de voie, ou en plus d'elle : lieu-dit, hameau, BP 123", error: errors[FieldNames.locality(id)],
                      isRequired: false, maxLength: 100)
            TextInput(name: FieldNames.postalCode(id), label: "Code postal", value: input.postalCode,
                      error: errors[FieldNames.postalCode(id)], isRequired: field.required, autocomplete: "postal-code",
                      inputMode: "numeric", maxLength: 5, width: "short")
            TextInput(name: FieldNames.commune(id), label: "Commune", value: input.commune, hint: "Avec la mention CEDEX s'il y a lieu, par exemple : Albi Cedex 9",
                      error: errors[FieldNames.commune(id)], isRequired: field.required, autocomplete: "address-level2", maxLength: 100)
        }
    }

    /// The organisations offered: a box for each, followed by its file number.
    private var fileNumberInputs: Component {
        var chosen: [String: FileNumberAnswer] = [:]
        if case .fileNumbers(let entries) = answer { for entry in entries { chosen[entry.organisation] = entry } }
        let id = field.id
        return group {
            for organisation in field.organisations {
                let entry = chosen[organisation.value]
                let rule = FileNumberRule(organisation: organisation.value)
                HTML.el("div", .class("file-number")) {
                    SingleCheckbox(name: FieldNames.fileNumberChosen(id, organisation.value), label: organisation.label,
                                   isChecked: entry != nil && entry?.unticked != true,
                                   error: errors[FieldNames.fileNumberChosen(id, organisation.value)])
                    TextInput(name: FieldNames.fileNumber(id, organisation.value),
                              label: "\(rule?.label ?? "Numéro") pour « \(organisation.label) »", value: entry?.number ?? "",
                              hint: rule?.hint, error: errors[FieldNames.fileNumber(id, organisation.value)], isRequired: false,
                              maxLength: 25, width: "medium")
                }
            }
        }
    }

    private var attachmentInputs: Component {
        let id = field.id
        return group {
            if let current = attachment.current {
                HTML.el("p", .class("attachment-current")) {
                    HTML.text("Document joint : ")
                    HTML.el("a", .href(current.url)) { HTML.text(current.title) }
                }
            }
            if let wallet = attachment.wallet, !wallet.isEmpty || attachment.current != nil {
                SelectInput(name: FieldNames.walletDocument(id), label: "Choisir dans mon porte-documents",
                            choices: wallet + (attachment.current == nil ? [] : [Choice(value: AttachmentIntake.removeValue, label: "Retirer le document joint")]),
                            selected: "", error: errors[FieldNames.walletDocument(id)], isRequired: false,
                            placeholder: attachment.current == nil ? "Aucun document choisi" : "Garder le document joint")
            } else if attachment.current != nil {
                ChoiceGroup(kind: .checkbox, name: FieldNames.walletDocument(id), legend: "Document joint",
                            choices: [Choice(value: AttachmentIntake.removeValue, label: "Retirer le document joint")],
                            isRequired: false)
            }
            FileInput(name: id, label: attachment.current == nil ? (attachment.wallet == nil ? "Envoyer un fichier" : "Ou envoyer un fichier")
                                                                 : "Remplacer par un fichier",
                      hint: FileInput.documentHint + " Une image est transformée en PDF.",
                      error: errors[id], accept: FileInput.documentTypes, isRequired: false)
            if attachment.wallet != nil {
                ChoiceGroup(kind: .checkbox, name: FieldNames.keepInWallet(id), legend: "Porte-documents",
                            choices: [Choice(value: "oui", label: "Conserver aussi ce fichier dans mon porte-documents")],
                            error: errors[FieldNames.keepInWallet(id)], isRequired: false)
            }
        }
    }

    /// A field made of several inputs: a fieldset whose legend is the field's label.
    private func group(@ComponentBuilder _ content: () -> Component) -> Component {
        HTML.el("fieldset", .class("fieldset field-group"), .id("groupe-" + field.id)) {
            HTML.el("legend", .class("fieldset__legend")) {
                HTML.text(field.label)
                if !field.required { HTML.el("span", .class("field__optional")) { HTML.text(" (facultatif)") } }
            }
            if let hint = field.hint { HTML.el("p", .class("field__hint")) { HTML.text(hint) } }
            content()
        }
    }
}
