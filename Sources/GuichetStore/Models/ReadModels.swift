import Foundation
import GuichetCore

extension UserRecord {
    /// The account as the front doors see it (no credentials).
    public var account: Account? {
        guard let id else { return nil }
        return Account(id: id, identifier: identifier, email: email, profile: profile, isConfirmed: isConfirmed,
                       secondFactor: secondFactorKind, secondFactorPhone: secondFactorPhone.flatMap(PhoneNumber.init),
                       alertStatusChanges: alertStatusChanges, alertDraftExpiry: alertDraftExpiry)
    }
}

extension DossierRecord {
    /// The dossier as the front doors see it.
    public var dossier: Dossier? {
        guard let id else { return nil }
        return Dossier(id: id, procedureID: procedureID, userID: userID, state: state, answers: answers, currentStep: currentStep,
                       savedAt: savedAt, updatedAt: updatedAt, resumeNumber: resumeNumber, contactEmail: contactEmail,
                       reference: reference, submittedAt: submittedAt)
    }
}
