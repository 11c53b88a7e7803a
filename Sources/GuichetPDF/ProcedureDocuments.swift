import Foundation
import GuichetCore

/// The PDF documents of procedures: the *récapitulatif* of a transmitted dossier and the
/// printable blank form.
public enum ProcedureDocuments {
    /// What the *récapitulatif* holds (SPEC §4: all answers, attachments listed, date,
    /// reference).
    public struct Receipt: Sendable {
        public let procedure: Procedure
        public let reference: String
        public let submittedAt: Date
        public let organisations: [String]
        public let summary: [StepSummary]
        public let attachments: [String]

        public init(procedure: Procedure, reference: String, submittedAt: Date, organisations: [String],
                    summary: [StepSummary], attachments: [String]) {
            self.procedure = procedure
            self.reference = reference
            self.submittedAt = submittedAt
            self.organisations = organisations
            self.summary = summary
            self.attachments = attachments
        }
    }

    public static func receipt(_ receipt: Receipt) -> Data {
        var blocks: [TextDocument.Block] = [
            .title("Récapitulatif de votre démarche"),
            .paragraph(receipt.procedure.title),
        ]
        if let cerfa = receipt.procedure.cerfaLabel { blocks.append(.note(cerfa)) }
        blocks += [
            .answer(label: "Référence", value: [receipt.reference]),
            .answer(label: "Transmise le", value: [FrenchDate.withTime(receipt.submittedAt)]),
            .answer(label: receipt.organisations.count > 1 ? "Organismes destinataires" : "Organisme destinataire",
                    value: receipt.organisations),
        ]
        for step in receipt.summary {
            blocks.append(.heading("\(step.index + 1). \(step.title)"))
            blocks += step.lines.map { .answer(label: $0.label, value: $0.value) }
        }
        blocks.append(.heading("Pièces jointes"))
        blocks.append(receipt.attachments.isEmpty ? .paragraph("Aucune pièce jointe.")
                                                  : .answer(label: "Documents transmis", value: receipt.attachments))
        blocks.append(.heading("Et ensuite ?"))
        blocks.append(.paragraph(receipt.procedure.afterSubmission))
        blocks.append(.note("Conservez ce récapitulatif. Votre dossier ne peut plus être modifié sur Guichet : pour signaler un changement, adressez-vous à l'organisme destinataire en rappelant la référence \(receipt.reference)."))
        return TextPDF.render(TextDocument(title: "Récapitulatif – \(receipt.procedure.title) – \(receipt.reference)",
                                           footer: "Guichet – \(receipt.reference)", blocks: blocks),
                              creationDate: receipt.submittedAt)
    }

    /// A form to print and fill by hand, drawn from the procedure's definition.
    public static func blankForm(_ procedure: Procedure, organisations: [String], createdAt: Date) -> Data {
        var blocks: [TextDocument.Block] = [.title(procedure.title)]
        if let cerfa = procedure.cerfaLabel { blocks.append(.note(cerfa)) }
        blocks.append(.paragraph(procedure.description))
        blocks.append(.paragraph("Remplissez ce formulaire à la main, en lettres capitales, puis remettez-le ou envoyez-le à : \(organisations.joined(separator: ", "))."))
        for (index, step) in procedure.steps.enumerated() {
            blocks.append(.heading("\(index + 1). \(step.title)"))
            if let intro = step.intro { blocks.append(.note(intro)) }
            for field in step.fields { blocks.append(block(for: field)) }
        }
        blocks.append(.heading("Signature"))
        blocks.append(.blank(label: "Fait à, le", hint: nil, lines: 1))
        blocks.append(.blank(label: "Signature", hint: nil, lines: 3))
        return TextPDF.render(TextDocument(title: procedure.title, footer: "Guichet – " + (procedure.cerfaLabel ?? procedure.title),
                                           blocks: blocks),
                              creationDate: createdAt)
    }

    static func block(for field: FieldDefinition) -> TextDocument.Block {
        let label = field.label + (field.required ? "" : " (facultatif)")
        switch field.type {
        case .choice, .checkboxes:
            return .tickBoxes(label: label + (field.type == .choice ? " – cochez une case" : ""), options: field.choices.map(\.label))
        case .date, .moveDate:
            return .blank(label: label, hint: field.hint ?? "JJ/MM/AAAA", lines: 1)
        case .fileNumbers:
            return .tickBoxes(label: label + " – cochez chaque organisme et notez son numéro", options: field.organisations.map(\.label))
        case .address, .deliveryAddress:
            return .blank(label: label, hint: field.hint ?? "Numéro et voie, complément, code postal et commune", lines: 3)
        case .commune:
            return .blank(label: label, hint: field.hint ?? "Code postal et commune", lines: 1)
        case .attachment:
            return .tickBoxes(label: "Pièce à joindre : " + label, options: ["Jointe à ce formulaire"])
        case .text where field.multiline:
            return .blank(label: label, hint: field.hint, lines: 4)
        default:
            return .blank(label: label, hint: field.hint, lines: 1)
        }
    }
}
