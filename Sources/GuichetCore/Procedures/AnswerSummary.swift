import Foundation

/// The answers of a dossier as sentences, step by step: the *récapitulatif* page, the
/// dossier page and the PDF all show them this way.
public struct StepSummary: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let label: String
        /// One entry per line (an address has several).
        public let value: [String]
    }

    public let index: Int
    public let title: String
    public let lines: [Line]
}

extension Procedure {
    public static let unanswered = "Non renseigné"

    /// `attachment` names an attached document from its id (title and size).
    public func summary(_ answers: Answers, steps: [Step]? = nil, attachment: (UUID) -> String?) -> [StepSummary] {
        (steps ?? self.steps).enumerated().map { index, step in
            StepSummary(index: index, title: step.title, lines: step.fields.map { field in
                StepSummary.Line(label: field.label, value: Self.display(field, answers[field.id], attachment: attachment))
            })
        }
    }

    public static func display(_ field: FieldDefinition, _ value: AnswerValue?, attachment: (UUID) -> String?) -> [String] {
        guard let value, !value.isEmpty else { return [unanswered] }
        switch value {
        case .text(let text):
            return field.type == .choice ? [field.choiceLabel(text)] : text.components(separatedBy: "\n")
        case .choices(let values):
            return values.map(field.choiceLabel)
        case .address(let address):
            return address.lines
        case .commune(let commune):
            return [commune.display]
        case .attachment(let id):
            return [attachment(id) ?? "Document joint"]
        case .delivery(let answer):
            return answer.display + (answer.keptAsTyped ? ["(adresse conservée telle que saisie, sans la correction de La Poste)"] : [])
        case .fileNumbers(let entries):
            return entries.map { entry in
                let label = FileNumberRule(organisation: entry.organisation)?.label ?? "Numéro"
                let name = field.organisations.first { $0.value == entry.organisation }?.label ?? entry.organisation
                return "\(name) – \(label) : \(entry.number)"
            }
        }
    }
}

extension Procedure {
    /// What one organisation receives of a dossier (SPEC §6: a dossier sent to several
    /// organisations gives each only what concerns it): its own file number and not the
    /// others', and nothing of the fields that concern the portal only.
    public func answers(_ answers: Answers, visibleTo organisationKey: String) -> Answers {
        var visible = answers
        for field in fields {
            if !isTransmitted(field) {
                visible[field.id] = nil
            } else if field.type == .fileNumbers, case .fileNumbers(let entries) = answers[field.id] {
                visible[field.id] = .fileNumbers(entries.filter { $0.organisation == organisationKey })
            }
        }
        return visible
    }

    /// False for the consent to update the profile: it concerns the portal, not the
    /// organisations.
    public func isTransmitted(_ field: FieldDefinition) -> Bool {
        field.id != profileUpdate?.consentField
    }

    /// The steps as one organisation sees them: the fields it receives.
    public func stepsVisible(to organisationKey: String?) -> [Step] {
        guard organisationKey != nil else { return steps }
        return steps.map { Step(title: $0.title, intro: $0.intro, fields: $0.fields.filter(isTransmitted)) }
    }
}
