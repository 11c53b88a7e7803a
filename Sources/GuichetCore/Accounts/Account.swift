import Foundation

/// A citizen's account as the front doors see it: who it is and their settings, never
/// its credentials (password hash, codes, keys), which stay with the operations.
public struct Account: Sendable, Equatable {
    public let id: UUID
    public let identifier: String
    public let email: String
    public let profile: Profile
    public let isConfirmed: Bool
    public let secondFactor: SecondFactorKind?
    public let secondFactorPhone: PhoneNumber?
    public let alertStatusChanges: Bool
    public let alertDraftExpiry: Bool

    public init(id: UUID, identifier: String, email: String, profile: Profile, isConfirmed: Bool,
                secondFactor: SecondFactorKind?, secondFactorPhone: PhoneNumber?, alertStatusChanges: Bool,
                alertDraftExpiry: Bool) {
        self.id = id
        self.identifier = identifier
        self.email = email
        self.profile = profile
        self.isConfirmed = isConfirmed
        self.secondFactor = secondFactor
        self.secondFactorPhone = secondFactorPhone
        self.alertStatusChanges = alertStatusChanges
        self.alertDraftExpiry = alertDraftExpiry
    }

    /// The phone of the SMS factor, as shown to its owner: `06 •• •• •• 78`.
    public var maskedSecondFactorPhone: String? { secondFactorPhone?.masked }
}
