import FluentKit
import Foundation
import GuichetCore

/// A dossier: a procedure being filled, saved, or transmitted (SPEC §4).
public final class DossierRecord: Model, @unchecked Sendable {
    public static let schema = "dossiers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "procedure_id") public var procedureID: String
    /// The account; nil for a dossier done without one (or whose account was deleted).
    @OptionalField(key: "user_id") public var userID: UUID?
    @Field(key: "state") public var stateValue: String
    /// `Answers`, as JSON.
    @Field(key: "answers") public var answersJSON: String
    /// The step the user was last on, to resume there.
    @Field(key: "current_step") public var currentStep: Int
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "saved_at") public var savedAt: Date?
    @OptionalField(key: "expires_at") public var expiresAt: Date?
    @OptionalField(key: "alert_sent_at") public var alertSentAt: Date?
    /// *Numéro de télédossier* of a draft saved without an account.
    @OptionalField(key: "resume_number") public var resumeNumber: String?
    @OptionalField(key: "resume_password_hash") public var resumePasswordHash: String?
    /// Where a dossier without an account gets its emails.
    @OptionalField(key: "contact_email") public var contactEmail: String?
    @OptionalField(key: "reference") public var reference: String?
    @OptionalField(key: "submitted_at") public var submittedAt: Date?

    public init() {}

    public var state: DossierState { DossierState(rawValue: stateValue) ?? .draft }

    public var answers: Answers {
        get { Answers.decode(answersJSON) }
        set { answersJSON = newValue.encoded() }
    }

    /// `A-1` for a dossier of an account, `A-2` otherwise.
    public var referenceKind: DossierReference.Kind { userID == nil ? .anonymous : .account }
}

/// A document attached to a dossier: its own copy, so deleting the wallet document
/// it came from changes nothing to the dossier.
public final class DossierAttachmentRecord: Model, @unchecked Sendable {
    public static let schema = "dossier_attachments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "dossier_id") public var dossierID: UUID
    @Field(key: "field_id") public var fieldID: String
    @Field(key: "title") public var title: String
    @Field(key: "pages") public var pages: Int
    @Field(key: "size") public var size: Int
    @Field(key: "blob_key") public var blobKey: String
    /// `ScanState`: only a clean attachment is served or transmitted.
    @Field(key: "scan_state") public var scanStateValue: String
    /// Hex SHA-256 of the PDF, given to the organisations with it (nil for attachments
    /// stored before it was recorded: computed at the first read).
    @OptionalField(key: "sha256") public var sha256: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var scanState: ScanState { ScanState(rawValue: scanStateValue) ?? .pending }
}

/// The transmission of a dossier to one organisation, and that organisation's progress.
/// Its name and contacts are kept as they were when the dossier was sent.
public final class TransmissionRecord: Model, @unchecked Sendable {
    public static let schema = "transmissions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "dossier_id") public var dossierID: UUID
    @Field(key: "organisation_key") public var organisationKey: String
    @Field(key: "organisation_name") public var organisationName: String
    /// The dossier's reference and procedure, copied for the organisations' lists.
    @OptionalField(key: "reference") public var reference: String?
    @OptionalField(key: "procedure_id") public var procedureID: String?
    /// The applicant's `NOM Prénoms`, and folded for search (the agents' inbox).
    @OptionalField(key: "applicant_name") public var applicantName: String?
    @OptionalField(key: "applicant_folded") public var applicantFolded: String?
    /// `Contacts`, as JSON.
    @Field(key: "contacts") public var contactsJSON: String
    @Field(key: "state") public var stateValue: String
    @OptionalField(key: "message") public var message: String?
    @Field(key: "transmitted_at") public var transmittedAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public var state: TransmissionState { TransmissionState(rawValue: stateValue) ?? .transmitted }

    public var contacts: Contacts {
        (try? JSONDecoder().decode(Contacts.self, from: Data(contactsJSON.utf8))) ?? Contacts()
    }
}

/// One move of a dossier's state machine: when, by whom, from what to what.
public final class DossierEventRecord: Model, @unchecked Sendable {
    public static let schema = "dossier_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "dossier_id") public var dossierID: UUID
    @OptionalField(key: "organisation_key") public var organisationKey: String?
    @Field(key: "transition") public var transition: String
    @OptionalField(key: "from_state") public var fromState: String?
    @Field(key: "to_state") public var toState: String
    @Field(key: "actor") public var actor: String
    @OptionalField(key: "message") public var message: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
