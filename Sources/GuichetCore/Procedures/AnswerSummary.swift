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
    public func summary(_ answers: Answers, attachment: (UUID) -> String?) -> [StepSummary] {
        steps.enumerated().map { index, step in
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
        }
    }
}
