import FluentKit
import Foundation
import GuichetCore

/// An account: credentials, lockout state, second factor and *Mes coordonnées*.
public final class UserRecord: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    /// Lower case, unique: identifiers are compared ignoring case.
    @Field(key: "identifier") public var identifier: String
    @Field(key: "email") public var email: String
    /// The address in lower case, to find every account of an address.
    @Field(key: "email_key") public var emailKey: String
    @OptionalField(key: "email_confirmed_at") public var emailConfirmedAt: Date?
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "failed_sign_ins") public var failedSignIns: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @OptionalField(key: "second_factor") public var secondFactor: String?
    @OptionalField(key: "second_factor_phone") public var secondFactorPhone: String?
    /// The authenticator-app key, sealed by the web layer (`SecretSealer`), never as typed.
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    @OptionalField(key: "totp_last_step") public var totpLastStep: Int?
    @OptionalField(key: "unlock_code_hash") public var unlockCodeHash: String?
    @Field(key: "alert_status_changes") public var alertStatusChanges: Bool
    @Field(key: "alert_draft_expiry") public var alertDraftExpiry: Bool
    @OptionalField(key: "civility") public var civility: String?
    @Field(key: "last_name") public var lastName: String
    @Field(key: "first_names") public var firstNames: String
    @OptionalField(key: "birth_date") public var birthDate: String?
    @Field(key: "birth_place") public var birthPlace: String
    @Field(key: "address_line1") public var addressLine1: String
    @Field(key: "address_line2") public var addressLine2: String
    @Field(key: "postal_code") public var postalCode: String
    @Field(key: "city") public var city: String
    @OptionalField(key: "mobile_phone") public var mobilePhone: String?
    @OptionalField(key: "landline_phone") public var landlinePhone: String?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public var profile: Profile {
        Profile(civility: civility.flatMap(Civility.init(rawValue:)), lastName: lastName, firstNames: firstNames,
                birthDate: birthDate.flatMap(CalendarDate.init(iso:)), birthPlace: birthPlace, addressLine1: addressLine1,
                addressLine2: addressLine2, postalCode: postalCode, city: city,
                mobilePhone: mobilePhone.flatMap(PhoneNumber.init), landlinePhone: landlinePhone.flatMap(PhoneNumber.init))
    }

    public func apply(_ profile: Profile) {
        civility = profile.civility?.rawValue
        lastName = profile.lastName
        firstNames = profile.firstNames
        birthDate = profile.birthDate?.iso
        birthPlace = profile.birthPlace
        addressLine1 = profile.addressLine1
        addressLine2 = profile.addressLine2
        postalCode = profile.postalCode
        city = profile.city
        mobilePhone = profile.mobilePhone?.e164
        landlinePhone = profile.landlinePhone?.e164
    }

    public var secondFactorKind: SecondFactorKind? { secondFactor.flatMap(SecondFactorKind.init(rawValue:)) }
    public var isConfirmed: Bool { emailConfirmedAt != nil }
}
