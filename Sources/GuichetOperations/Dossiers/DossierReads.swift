import FluentKit
import Foundation
import GuichetCore
import GuichetPDF
import GuichetStore

/// Transmitted dossiers as their pages show them (SPEC §4): *Mon activité*, a
/// dossier's status and history, the confirmation, the PDF *récapitulatif*, and
/// *Suivre une démarche* by reference.
public enum DossierReads {
    /// A transmitted dossier by its reference as typed; nil when the reference is
    /// malformed or names no transmitted dossier.
    public static func submitted(reference typed: String, in context: OperationContext) async throws -> Dossier? {
        guard case .success(let reference) = DossierReference.parse(typed),
              let dossier = try await Dossiers.find(reference: reference.description, on: context.db)?.dossier,
              dossier.isSubmitted else { return nil }
        return dossier
    }

    /// One organisation's part of a transmitted dossier.
    public struct Transmission: Sendable, Equatable {
        public let organisationKey: String
        public let name: String
        public let state: TransmissionState
        public let message: String?
        public let updatedAt: Date
        public let contacts: Contacts
    }

    public static func transmissions(of dossier: Dossier, in context: OperationContext) async throws -> [Transmission] {
        try await Transmissions.list(dossierID: dossier.id, on: context.db).map(transmission)
    }

    /// One line of a dossier's history: when, and what happened, in French.
    public struct HistoryEntry: Sendable, Equatable {
        public let date: Date
        public let what: String
        public let message: String?
    }

    public static func history(of dossier: Dossier, transmissions: [Transmission], in context: OperationContext) async throws -> [HistoryEntry] {
        let names = Dictionary(transmissions.map { ($0.organisationKey, $0.name) }, uniquingKeysWith: { first, _ in first })
        return try await Dossiers.events(dossier.id, on: context.db).compactMap { event -> HistoryEntry? in
            let what: String
            if let key = event.organisationKey, let state = TransmissionState(rawValue: event.toState) {
                what = "\(names[key] ?? key) : \(state.label.lowercased())"
            } else if let state = DossierState(rawValue: event.toState) {
                what = state.label
            } else { return nil }
            return HistoryEntry(date: event.createdAt, what: what, message: event.message)
        }
    }

    /// *Mon activité*.
    public struct Activity: Sendable {
        public struct Draft: Sendable, Equatable {
            public let id: UUID
            public let title: String
            public let savedAt: Date
            public let expiresAt: Date
        }

        public struct Submitted: Sendable, Equatable {
            public let reference: String
            public let title: String
            public let submittedAt: Date
            public let statuses: [(organisation: String, state: TransmissionState)]

            public static func == (lhs: Self, rhs: Self) -> Bool {
                lhs.reference == rhs.reference && lhs.title == rhs.title && lhs.submittedAt == rhs.submittedAt
                    && lhs.statuses.map(\.organisation) == rhs.statuses.map(\.organisation)
                    && lhs.statuses.map(\.state) == rhs.statuses.map(\.state)
            }
        }

        public let drafts: [Draft]
        public let submitted: [Submitted]
    }

    public static func activity(_ account: Account, in context: OperationContext) async throws -> Activity {
        let guichet = context.guichet
        let drafts = try await Dossiers.drafts(userID: account.id, now: context.now, on: context.db).compactMap { record -> Activity.Draft? in
            guard let dossier = record.dossier, let savedAt = dossier.savedAt else { return nil }
            return Activity.Draft(id: dossier.id, title: guichet.title(of: dossier), savedAt: savedAt, expiresAt: DraftPolicy.expiry(savedAt: savedAt))
        }
        let dossiers = try await Dossiers.submitted(userID: account.id, on: context.db).compactMap(\.dossier)
        let transmissions = Dictionary(grouping: try await Transmissions.list(dossierIDs: dossiers.map(\.id), on: context.db), by: \.dossierID)
        let submitted = dossiers.compactMap { dossier -> Activity.Submitted? in
            guard let reference = dossier.reference else { return nil }
            return Activity.Submitted(reference: reference, title: guichet.title(of: dossier), submittedAt: dossier.transmittedAt,
                                      statuses: (transmissions[dossier.id] ?? []).map { ($0.organisationName, $0.state) })
        }
        return Activity(drafts: drafts, submitted: submitted)
    }

    /// The PDF *récapitulatif* of a transmitted dossier, and its file title: the
    /// citizen's whole, or what one organisation receives (`organisationKey`).
    public static func receipt(_ dossier: Dossier, for organisationKey: String? = nil,
                               in context: OperationContext) async throws -> (title: String, data: Data) {
        guard let procedure = context.guichet.procedures.procedure(dossier.procedureID), let reference = dossier.reference else {
            throw OperationError.notFound
        }
        let records = try await DossierAttachments.list(dossierID: dossier.id, on: context.db)
        let titles = DossierSubmission.attachmentTitles(records)
        let transmissions = try await Transmissions.list(dossierID: dossier.id, on: context.db)
            .filter { organisationKey == nil || $0.organisationKey == organisationKey }
        let answers = organisationKey.map { procedure.answers(dossier.answers, visibleTo: $0) } ?? dossier.answers
        let attached = answers.attachmentIDs
        let data = ProcedureDocuments.receipt(.init(
            procedure: procedure, reference: reference, submittedAt: dossier.transmittedAt,
            organisations: transmissions.map(\.organisationName),
            summary: procedure.summary(answers, steps: procedure.stepsVisible(to: organisationKey), attachment: { titles[$0] }),
            attachments: records.filter { $0.id.map(attached.contains) ?? false }.compactMap { $0.id.flatMap { titles[$0] } }))
        return ("Récapitulatif \(reference)", data)
    }

    public enum LookupOutcome: Sendable, Equatable {
        /// The account's own dossier: its page in *Mon activité*.
        case ownDossier(reference: String)
        /// A dossier without an account whose email matched.
        case found(Dossier)
        case refused(FieldErrors)
    }

    public static let referenceField = "reference"
    public static let emailField = "courriel"

    /// *Suivre une démarche*: a reference and, for a dossier without an account, the
    /// email given in it. Limited per client address.
    public static func lookup(reference typedReference: String, email typedEmail: String, account: Account?,
                              in context: OperationContext) async throws -> LookupOutcome {
        var errors = FieldErrors()
        let parsed = DossierReference.parse(typedReference)
        if case .failure(let problem) = parsed { errors.add(referenceField, problem.message) }
        if case .success(let reference) = parsed, reference.kind == .account, account == nil {
            errors.add(referenceField, "Cette référence commence par A-1 : la démarche a été faite depuis un compte. Connectez-vous pour la suivre dans « Mon activité ».")
        }
        // Needed for a dossier done without an account only.
        let email = EmailAddress.read(typedEmail, whenEmpty: "Saisissez l'adresse électronique donnée dans la démarche.")
        if case .success(let reference) = parsed, reference.kind == .anonymous, errors.isEmpty, case .failure(let refusal) = email {
            errors.add(emailField, refusal.message)
        }
        guard errors.isEmpty, case .success(let reference) = parsed else { return .refused(errors) }
        try await OperationError.limit(.referenceLookups, subject: context.clientLimitKey, in: context)
        if let dossier = try await Dossiers.find(reference: reference.description, on: context.db)?.dossier, dossier.isSubmitted {
            if let account, dossier.userID == account.id { return .ownDossier(reference: reference.description) }
            if dossier.userID == nil, case .success(let email) = email, let given = dossier.contactEmail,
               EmailAddress(given)?.comparisonKey == email.comparisonKey {
                return .found(dossier)
            }
        }
        errors.add(referenceField, account == nil
                   ? "Aucune démarche transmise ne correspond à cette référence et à cette adresse électronique."
                   : "Aucune démarche transmise depuis votre compte ne correspond à cette référence.")
        return .refused(errors)
    }

    private static func transmission(_ record: TransmissionRecord) -> Transmission {
        Transmission(organisationKey: record.organisationKey, name: record.organisationName, state: record.state,
                     message: record.message, updatedAt: record.updatedAt, contacts: record.contacts)
    }
}
