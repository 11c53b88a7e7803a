import Foundation

/// A dossier as the front doors see it: a procedure being filled, saved or transmitted.
public struct Dossier: Sendable, Equatable {
    public let id: UUID
    public let procedureID: String
    /// The account; nil for a dossier done without one (or whose account was deleted).
    public let userID: UUID?
    public let state: DossierState
    public let answers: Answers
    /// The step the user was last on (0-based), to resume there.
    public let currentStep: Int
    public let savedAt: Date?
    public let updatedAt: Date
    /// *Numéro de télédossier* of a draft saved without an account.
    public let resumeNumber: String?
    /// Where a dossier without an account gets its emails.
    public let contactEmail: String?
    public let reference: String?
    public let submittedAt: Date?

    public init(id: UUID, procedureID: String, userID: UUID?, state: DossierState, answers: Answers, currentStep: Int,
                savedAt: Date?, updatedAt: Date, resumeNumber: String?, contactEmail: String?, reference: String?,
                submittedAt: Date?) {
        self.id = id
        self.procedureID = procedureID
        self.userID = userID
        self.state = state
        self.answers = answers
        self.currentStep = currentStep
        self.savedAt = savedAt
        self.updatedAt = updatedAt
        self.resumeNumber = resumeNumber
        self.contactEmail = contactEmail
        self.reference = reference
        self.submittedAt = submittedAt
    }

    /// `A-1` for a dossier of an account, `A-2` otherwise.
    public var referenceKind: DossierReference.Kind { userID == nil ? .anonymous : .account }
    public var isSubmitted: Bool { state == .submitted }
    /// When it was transmitted (or last changed, for a dossier transmitted before the date was kept).
    public var transmittedAt: Date { submittedAt ?? updatedAt }
}
