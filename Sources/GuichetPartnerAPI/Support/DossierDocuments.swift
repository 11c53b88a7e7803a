import Foundation
import GuichetCore
import GuichetOperations

/// The JSON documents of the dossier routes, exactly as `openapi.json` describes them.
enum DossierDocuments {
    struct ProcedureRef: Encodable, Sendable {
        let id: String
        let title: String
    }

    struct Summary: Encodable, Sendable {
        let reference: String
        let procedure: ProcedureRef
        let transmittedAt: Date
        let state: String
        let stateUpdatedAt: Date
        let href: String

        enum CodingKeys: String, CodingKey {
            case reference, procedure, transmittedAt = "transmitted_at", state, stateUpdatedAt = "state_updated_at", href
        }

        init(_ summary: PartnerDossiers.Summary) {
            reference = summary.reference
            procedure = ProcedureRef(id: summary.procedureID, title: summary.procedureTitle)
            transmittedAt = summary.transmittedAt
            state = summary.state.slug
            stateUpdatedAt = summary.updatedAt
            href = PartnerAPI.Paths.dossier(summary.reference)
        }
    }

    struct List: Encodable, Sendable {
        let dossiers: [Summary]
        @Nullable var nextCursor: String?

        enum CodingKeys: String, CodingKey { case dossiers, nextCursor = "next_cursor" }
    }

    struct ProcedureInfo: Encodable, Sendable {
        let id: String
        let title: String
        @Nullable var cerfa: String?
    }

    struct Address: Encodable, Sendable {
        let line1: String
        let line2: String
        let postalCode: String
        let city: String
        @Nullable var inseeCode: String?

        enum CodingKeys: String, CodingKey { case line1, line2, postalCode = "postal_code", city, inseeCode = "insee_code" }

        init(_ address: PostalAddress) {
            line1 = address.line1
            line2 = address.line2
            postalCode = address.postalCode
            city = address.city
            inseeCode = address.inseeCode
        }
    }

    struct Commune: Encodable, Sendable {
        let postalCode: String
        let name: String
        @Nullable var inseeCode: String?

        enum CodingKeys: String, CodingKey { case postalCode = "postal_code", name, inseeCode = "insee_code" }
    }

    /// A La Poste address: the lines to write on mail (the proposal, or the input the
    /// person kept), and the commune they were matched to.
    struct DeliveryAddressValue: Encodable, Sendable {
        let lines: [String]
        let keptAsTyped: Bool
        let postalCode: String
        let commune: String
        @Nullable var inseeCode: String?

        enum CodingKeys: String, CodingKey {
            case lines, keptAsTyped = "kept_as_typed", postalCode = "postal_code", commune, inseeCode = "insee_code"
        }
    }

    struct FileNumberValue: Encodable, Sendable {
        let organisation: String
        let number: String
    }

    struct AttachmentRef: Encodable, Sendable {
        let attachmentID: String

        enum CodingKeys: String, CodingKey { case attachmentID = "attachment_id" }
    }

    /// An answer's raw value: a string, a list of choice values, an address, a
    /// commune, an attachment, or null.
    struct Value: Encodable, Sendable {
        let value: AnswerValue?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch value {
            case nil: try container.encodeNil()
            case .text(let text)?: try container.encode(text)
            case .choices(let values)?: try container.encode(values)
            case .address(let address)?: try container.encode(Address(address))
            case .commune(let commune)?:
                try container.encode(Commune(postalCode: commune.postalCode, name: commune.name, inseeCode: commune.inseeCode))
            case .attachment(let id)?: try container.encode(AttachmentRef(attachmentID: id.uuidString.lowercased()))
            case .delivery(let answer)?:
                try container.encode(DeliveryAddressValue(lines: answer.display, keptAsTyped: answer.keptAsTyped,
                                                          postalCode: answer.input.postalCode, commune: answer.input.commune,
                                                          inseeCode: answer.inseeCode))
            case .fileNumbers(let entries)?:
                try container.encode(entries.map { FileNumberValue(organisation: $0.organisation, number: $0.number) })
            }
        }
    }

    struct Applicant: Encodable, Sendable {
        let hasAccount: Bool
        @Nullable var email: String?
        @Nullable var civility: String?
        @Nullable var lastName: String?
        @Nullable var firstNames: String?
        @Nullable var birthDate: String?
        @Nullable var birthPlace: String?
        @Nullable var phone: String?
        @Nullable var address: Address?

        enum CodingKeys: String, CodingKey {
            case hasAccount = "has_account", email, civility, lastName = "last_name", firstNames = "first_names"
            case birthDate = "birth_date", birthPlace = "birth_place", phone, address
        }
    }

    struct Answer: Encodable, Sendable {
        let step: Int
        let stepTitle: String
        let field: String
        let label: String
        let type: String
        let value: Value
        let display: [String]

        enum CodingKeys: String, CodingKey { case step, stepTitle = "step_title", field, label, type, value, display }
    }

    struct Attachment: Encodable, Sendable {
        let id: String
        let field: String
        let title: String
        let pages: Int
        let bytes: Int
        let sha256: String
        let href: String
    }

    struct HistoryItem: Encodable, Sendable {
        let at: Date
        let state: String
        @Nullable var previousState: String?
        @Nullable var actor: ActorSummary?
        @Nullable var message: String?

        enum CodingKeys: String, CodingKey { case at, state, previousState = "previous_state", actor, message }
    }

    struct Detail: Encodable, Sendable {
        let reference: String
        let procedure: ProcedureInfo
        let transmittedAt: Date
        let state: String
        let stateUpdatedAt: Date
        @Nullable var message: String?
        let applicant: Applicant
        let answers: [Answer]
        let attachments: [Attachment]
        let receiptHref: String
        let history: [HistoryItem]

        enum CodingKeys: String, CodingKey {
            case reference, procedure, transmittedAt = "transmitted_at", state, stateUpdatedAt = "state_updated_at", message
            case applicant, answers, attachments, receiptHref = "receipt_href", history
        }
    }

    static func detail(_ detail: PartnerDossiers.Detail) -> Detail {
        let reference = detail.reference
        let applicant = detail.applicant
        return Detail(
            reference: reference,
            procedure: ProcedureInfo(id: detail.procedure.id, title: detail.procedure.title, cerfa: detail.procedure.cerfa),
            transmittedAt: detail.transmittedAt, state: detail.state.slug, stateUpdatedAt: detail.stateUpdatedAt, message: detail.message,
            applicant: Applicant(hasAccount: applicant.hasAccount, email: applicant.email, civility: applicant.civility,
                                 lastName: applicant.lastName, firstNames: applicant.firstNames, birthDate: applicant.birthDate,
                                 birthPlace: applicant.birthPlace, phone: applicant.phone, address: applicant.address.map(Address.init)),
            answers: detail.answers.map { answer in
                Answer(step: answer.step, stepTitle: answer.stepTitle, field: answer.fieldID, label: answer.label, type: answer.type.rawValue,
                       value: Value(value: answer.value), display: answer.display)
            },
            attachments: detail.attachments.map { attachment in
                Attachment(id: attachment.id.uuidString.lowercased(), field: attachment.fieldID, title: attachment.title, pages: attachment.pages,
                           bytes: attachment.bytes, sha256: attachment.sha256, href: PartnerAPI.Paths.attachment(reference, attachment.id))
            },
            receiptHref: PartnerAPI.Paths.receipt(reference),
            history: detail.history.map { item in
                HistoryItem(at: item.at, state: item.state.slug, previousState: item.previousState?.slug, actor: item.actor?.summary,
                            message: item.message)
            })
    }

    /// The answer to an acknowledgement or a status.
    struct StatusChange: Encodable, Sendable {
        let reference: String
        let state: String
        /// False when the dossier was already in that state (a retry).
        let changed: Bool
    }
}

/// The documents of the event feed and the account links.
enum FeedDocuments {
    struct Events: Encodable, Sendable {
        let events: [PartnerEvent]
        let nextAfter: Int

        enum CodingKeys: String, CodingKey { case events, nextAfter = "next_after" }
    }

    struct AccountLink: Encodable, Sendable {
        let id: String
        let partnerReference: String
        let linkedAt: Date

        enum CodingKeys: String, CodingKey { case id, partnerReference = "partner_reference", linkedAt = "linked_at" }
    }

    struct AccountLinks: Encodable, Sendable {
        let accountLinks: [AccountLink]
        @Nullable var nextCursor: String?

        enum CodingKeys: String, CodingKey { case accountLinks = "account_links", nextCursor = "next_cursor" }
    }
}
