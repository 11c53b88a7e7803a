import Crypto
import FluentKit
import Foundation
import GuichetCore
import GuichetPDF
import GuichetStore

/// The dossiers transmitted to one organisation, as its front doors show them (SPEC §6):
/// the partner API and, next, the agents' inbox. Another organisation's dossier does
/// not exist here: every lookup is by reference *and* organisation, and answers
/// `OperationError.notFound` exactly as for an unknown reference.
public enum PartnerDossiers {
    public static let maximumPageSize = 100

    public struct Summary: Sendable, Equatable {
        public let transmissionID: UUID
        public let reference: String
        public let procedureID: String
        public let procedureTitle: String
        public let transmittedAt: Date
        public let state: TransmissionState
        public let updatedAt: Date
    }

    public struct Page: Sendable, Equatable {
        public let items: [Summary]
        /// The cursor of the next page; nil on the last one.
        public let next: UUID?
    }

    /// Newest first, after the cursor `after` (one of this list's: any other gives an
    /// empty page).
    public static func list(organisationKey: String, state: TransmissionState?, procedureID: String?, after: UUID?, limit: Int,
                            in context: OperationContext) async throws -> Page {
        let size = min(max(limit, 1), maximumPageSize)
        let rows = try await Transmissions.page(organisationKey: organisationKey, state: state, procedureID: procedureID,
                                                after: after, limit: size + 1, on: context.db)
        let items = rows.prefix(size).compactMap { summary($0, in: context.guichet) }
        return Page(items: items, next: rows.count > size ? items.last?.transmissionID : nil)
    }

    static func summary(_ row: Transmissions.Listing, in guichet: Guichet) -> Summary? {
        guard let reference = row.reference, let procedureID = row.procedureID else { return nil }
        return Summary(transmissionID: row.id, reference: reference, procedureID: procedureID,
                       procedureTitle: guichet.procedures.procedure(procedureID)?.title ?? procedureID,
                       transmittedAt: row.transmittedAt, state: TransmissionState(rawValue: row.state) ?? .transmitted, updatedAt: row.updatedAt)
    }

    /// One dossier, for the organisation it was transmitted to.
    public struct Detail: Sendable {
        public struct ProcedureInfo: Sendable, Equatable {
            public let id: String
            public let title: String
            public let cerfa: String?
        }

        /// The person as the dossier gives them (the answers pre-filled from a profile,
        /// possibly changed by the user), not the account's current profile.
        public struct Applicant: Sendable, Equatable {
            public let hasAccount: Bool
            public let email: String?
            public let civility: String?
            public let lastName: String?
            public let firstNames: String?
            /// `AAAA-MM-JJ`.
            public let birthDate: String?
            public let birthPlace: String?
            public let phone: String?
            public let address: PostalAddress?
        }

        public struct Answer: Sendable, Equatable {
            /// 1 for the first step.
            public let step: Int
            public let stepTitle: String
            public let fieldID: String
            public let label: String
            public let type: FieldType
            public let value: AnswerValue?
            /// In French, as the receipt shows it, one entry per line.
            public let display: [String]
        }

        public struct Attachment: Sendable, Equatable {
            public let id: UUID
            public let fieldID: String
            public let title: String
            public let pages: Int
            public let bytes: Int
            public let sha256: String
        }

        public struct HistoryItem: Sendable, Equatable {
            public let at: Date
            /// `transmis`, `pris-en-compte`, `en-cours-de-traitement`, `traite`.
            public let state: TransmissionState
            public let previousState: TransmissionState?
            public let actor: Actor?
            public let message: String?
        }

        public let reference: String
        public let procedure: ProcedureInfo
        public let transmittedAt: Date
        public let state: TransmissionState
        public let stateUpdatedAt: Date
        public let message: String?
        public let applicant: Applicant
        public let answers: [Answer]
        public let attachments: [Attachment]
        public let history: [HistoryItem]
    }

    public static func detail(reference: String, organisationKey: String, in context: OperationContext) async throws -> Detail {
        let (dossier, transmission, procedure) = try await open(reference: reference, organisationKey: organisationKey, in: context)
        let records = try await servedAttachments(dossier, in: context)
        var attachments: [Detail.Attachment] = []
        for record in records {
            attachments.append(Detail.Attachment(id: try record.requireID(), fieldID: record.fieldID, title: record.title, pages: record.pages,
                                                 bytes: record.size, sha256: try await sha256(of: record, in: context)))
        }
        let titles = DossierSubmission.attachmentTitles(records)
        var answers: [Detail.Answer] = []
        let visible = procedure.answers(dossier.answers, visibleTo: organisationKey)
        for (index, step) in procedure.stepsVisible(to: organisationKey).enumerated() {
            for field in step.fields {
                let value = visible[field.id]
                answers.append(Detail.Answer(step: index + 1, stepTitle: step.title, fieldID: field.id, label: field.label, type: field.type,
                                             value: value, display: Procedure.display(field, value, attachment: { titles[$0] })))
            }
        }
        return Detail(
            reference: reference,
            procedure: .init(id: procedure.id, title: procedure.title, cerfa: procedure.cerfa),
            transmittedAt: transmission.transmittedAt, state: transmission.state, stateUpdatedAt: transmission.updatedAt,
            message: transmission.message,
            applicant: try await applicant(dossier, procedure: procedure, in: context),
            answers: answers, attachments: attachments,
            history: try await history(dossier, organisationKey: organisationKey, in: context))
    }

    /// An attached PDF of the dossier (only one the virus scanner released).
    public static func attachment(_ id: UUID, reference: String, organisationKey: String,
                                  in context: OperationContext) async throws -> (title: String, data: Data) {
        let (dossier, _, _) = try await open(reference: reference, organisationKey: organisationKey, in: context)
        guard let record = try await servedAttachments(dossier, in: context).first(where: { $0.id == id }),
              let data = try await context.guichet.blobs.get(record.blobKey, on: context.db) else { throw OperationError.notFound }
        return (record.title, data)
    }

    /// The PDF *récapitulatif* of what this organisation receives.
    public static func receipt(reference: String, organisationKey: String, in context: OperationContext) async throws -> (title: String, data: Data) {
        let (dossier, _, _) = try await open(reference: reference, organisationKey: organisationKey, in: context)
        return try await DossierReads.receipt(dossier, for: organisationKey, in: context)
    }

    /// *Pris en compte*, or another move, through the one tracking operation.
    public static func advance(reference: String, organisationKey: String, to target: TransmissionState, message: String?,
                               actor: Actor, in context: OperationContext) async throws -> DossierTracking.Outcome {
        guard case .success(let parsed) = DossierReference.parse(reference) else { throw OperationError.notFound }
        do {
            return try await DossierTracking.advance(reference: parsed, organisationKey: organisationKey, to: target, message: message,
                                                     actor: actor, in: context)
        } catch DossierTracking.Failure.unknownReference, DossierTracking.Failure.unknownOrganisation {
            throw OperationError.notFound
        }
    }

    // MARK: - Reading

    private static func open(reference: String, organisationKey: String,
                             in context: OperationContext) async throws -> (Dossier, TransmissionRecord, Procedure) {
        guard case .success(let parsed) = DossierReference.parse(reference),
              let transmission = try await Transmissions.find(reference: parsed.description, organisationKey: organisationKey, on: context.db),
              let dossier = try await Dossiers.find(transmission.dossierID, on: context.db)?.dossier, dossier.isSubmitted,
              let procedure = context.guichet.procedures.procedure(dossier.procedureID) else { throw OperationError.notFound }
        return (dossier, transmission, procedure)
    }

    /// The attachments the answers name, released by the scanner (a dossier is only
    /// transmitted once they all are).
    private static func servedAttachments(_ dossier: Dossier, in context: OperationContext) async throws -> [DossierAttachmentRecord] {
        let named = dossier.answers.attachmentIDs
        return try await DossierAttachments.list(dossierID: dossier.id, on: context.db)
            .filter { $0.id.map(named.contains) ?? false && $0.scanState == .clean }
    }

    /// Recorded when the attachment was stored; computed once for older ones.
    private static func sha256(of record: DossierAttachmentRecord, in context: OperationContext) async throws -> String {
        if let known = record.sha256 { return known }
        guard let data = try await context.guichet.blobs.get(record.blobKey, on: context.db) else { throw OperationError.notFound }
        let digest = TokenHash.sha256(data)
        try await DossierAttachments.recordDigest(digest, of: try record.requireID(), on: context.db)
        return digest
    }

    private static func applicant(_ dossier: Dossier, procedure: Procedure, in context: OperationContext) async throws -> Detail.Applicant {
        var given: [ProfileBinding: AnswerValue] = [:]
        for field in procedure.fields {
            if let binding = field.prefill, given[binding] == nil, let value = dossier.answers[field.id] { given[binding] = value }
        }
        func text(_ binding: ProfileBinding) -> String? {
            if case .text(let value) = given[binding] { return value }
            return nil
        }
        let civilityField = procedure.fields.first { $0.prefill == .civility }
        var email = dossier.contactEmail
        if let userID = dossier.userID { email = try await Accounts.find(userID, on: context.db)?.email ?? email }
        var address: PostalAddress?
        if case .address(let value) = given[.address] { address = value }
        if case .delivery(let value) = given[.address] { address = value.postalAddress }
        // A change of address: the person is now at the new one.
        if let field = procedure.profileUpdate?.addressField, case .delivery(let value) = dossier.answers[field] { address = value.postalAddress }
        return Detail.Applicant(
            hasAccount: dossier.userID != nil, email: text(.email) ?? email,
            civility: text(.civility).map { civilityField?.choiceLabel($0) ?? $0 },
            lastName: text(.lastName), firstNames: text(.firstNames),
            birthDate: text(.birthDate).flatMap(CalendarDate.init(french:))?.iso, birthPlace: text(.birthPlace),
            phone: text(.mobilePhone) ?? text(.phone) ?? text(.landlinePhone), address: address)
    }

    /// The portal's submission and this organisation's moves, in order (moves only go
    /// forward, so at equal times the later state comes last).
    private static func history(_ dossier: Dossier, organisationKey: String, in context: OperationContext) async throws -> [Detail.HistoryItem] {
        let events = try await Dossiers.events(dossier.id, on: context.db)
        let items = events.compactMap { event -> Detail.HistoryItem? in
            if let key = event.organisationKey {
                guard key == organisationKey, let state = TransmissionState(rawValue: event.toState) else { return nil }
                return .init(at: event.createdAt, state: state, previousState: event.fromState.flatMap(TransmissionState.init(rawValue:)),
                             actor: Actor(event.actor), message: event.message)
            }
            guard event.toState == DossierState.submitted.rawValue else { return nil }
            return .init(at: event.createdAt, state: .transmitted, previousState: nil, actor: Actor(event.actor), message: nil)
        }
        let rank = Dictionary(uniqueKeysWithValues: TransmissionState.allCases.enumerated().map { ($1, $0) })
        return items.enumerated().sorted { lhs, rhs in
            (lhs.element.at, rank[lhs.element.state] ?? 0, lhs.offset) < (rhs.element.at, rank[rhs.element.state] ?? 0, rhs.offset)
        }.map(\.element)
    }
}
