import FluentKit
import Foundation
import GuichetCore
import GuichetStore

/// Filling a dossier step by step (SPEC §4): opening a procedure or a saved draft,
/// posting a step (typed answers and attachments), abandoning. The front door keeps
/// which dossier its browser session is filling; these functions do the rest.
public enum DossierFilling {
    /// The dossier a session names, if it can still be filled by this visitor: not yet
    /// transmitted, and not another account's. A dossier started without an account is
    /// taken into the account its user signs in to. `read` is that dossier when the
    /// caller has just read it: reading it again could see a state the caller did not.
    public static func current(_ id: UUID, read: Dossier? = nil, account: Account?, in context: OperationContext) async throws -> Dossier? {
        let found: Dossier? = if let read, read.id == id { read } else { try await Dossiers.find(id, on: context.db)?.dossier }
        guard let dossier = found, !dossier.isSubmitted else { return nil }
        if let owner = dossier.userID, owner != account?.id { return nil }
        if dossier.userID == nil, dossier.state == .draft, let account, let record = try await Dossiers.find(id, on: context.db) {
            try await OperationError.whileTheDossierExists { try await Dossiers.adopt(record, userID: account.id, now: context.now, on: context.db) }
            return record.dossier
        }
        return dossier
    }

    /// Any dossier by id (the choice page names the one waiting to be opened).
    public static func find(_ id: UUID, in context: OperationContext) async throws -> Dossier? {
        try await Dossiers.find(id, on: context.db)?.dossier
    }

    public enum StartOutcome: Sendable, Equatable {
        case started(Dossier)
        /// The procedure needs an account and nobody is signed in.
        case signInRequired
    }

    /// A new dossier of a procedure, pre-filled from the account's profile.
    public static func start(_ procedureID: String, account: Account?, in context: OperationContext) async throws -> StartOutcome {
        guard let procedure = context.guichet.procedures.procedure(procedureID), procedure.canBeFilledOnline else {
            throw OperationError.notFound
        }
        if procedure.accountRequired, account == nil { return .signInRequired }
        let answers = account.map { procedure.prefilledAnswers(from: PrefillSource(profile: $0.profile, email: $0.email)) } ?? Answers()
        let record = try await Dossiers.create(procedureID: procedureID, userID: account?.id, answers: answers, now: context.now, on: context.db)
        context.guichet.metrics.event("dossier_started")
        guard let dossier = record.dossier else { throw OperationError.notFound }
        return .started(dossier)
    }

    public enum ReopenOutcome: Sendable, Equatable {
        case reopened(Dossier)
        /// Saved more than 15 days ago: deleted or about to be.
        case expired
    }

    /// A saved draft opened again: the account's own, or — without an account — one
    /// whose password was given in this session (`unlocked`).
    public static func reopen(_ id: UUID, account: Account?, unlocked: Bool, in context: OperationContext) async throws -> ReopenOutcome {
        guard let dossier = try await Dossiers.find(id, on: context.db)?.dossier, dossier.state == .saved else { throw OperationError.notFound }
        guard dossier.userID == nil ? unlocked : dossier.userID == account?.id else { throw OperationError.notFound }
        if let savedAt = dossier.savedAt, DraftPolicy.isExpired(savedAt: savedAt, now: context.now) { return .expired }
        return .reopened(dossier)
    }

    /// What an attachment field of the step shows: the document attached now, and the
    /// account's wallet to choose from.
    public struct AttachmentChoice: Sendable, Equatable {
        public struct Document: Sendable, Equatable {
            public let id: UUID
            /// The title, and for the wallet the page count: `Avis d'imposition (2 pages)`.
            public let label: String
        }

        public var current: Document?
        /// Nil without an account.
        public var wallet: [Document]?
    }

    /// The attachment fields of a step, as the page shows them.
    public static func attachmentChoices(_ dossier: Dossier, step: Step, account: Account?,
                                         in context: OperationContext) async throws -> [String: AttachmentChoice] {
        guard step.hasAttachments else { return [:] }
        let records = try await DossierAttachments.list(dossierID: dossier.id, on: context.db)
        var wallet: [AttachmentChoice.Document]?
        if let account {
            wallet = try await Wallet.list(userID: account.id, on: context.db).compactMap { document in
                document.id.map { AttachmentChoice.Document(id: $0, label: "\(document.title) (\(Text.counted(document.pages, "page")))") }
            }
        }
        var choices: [String: AttachmentChoice] = [:]
        for field in step.attachmentFields {
            var choice = AttachmentChoice(current: nil, wallet: wallet)
            if case .attachment(let id) = dossier.answers[field.id], let record = records.first(where: { $0.id == id }) {
                let label = record.scanState == .clean ? record.title : "\(record.title) (\(ScanState.pendingLabel.lowercased()))"
                choice.current = AttachmentChoice.Document(id: id, label: label)
            }
            choices[field.id] = choice
        }
        return choices
    }

    /// What the user chose to do with the step.
    public enum Action: String, Sendable {
        case next = "continuer"
        case previous = "precedent"
        case save = "enregistrer"
    }

    public enum StepOutcome: Sendable, Equatable {
        /// Stored; the step to go on with.
        case stored(Dossier)
        /// The step again, with what was typed and the errors. `filesLost`: chosen files
        /// were not kept and must be chosen again.
        case refused(shown: Answers, errors: FieldErrors, filesLost: Bool)
    }

    /// Posts step `index`: strict checks for *Continuer*, lenient ones for *Précédent* and
    /// *Enregistrer*; the files are only read once the rest of the step is right (a file
    /// cannot be kept across a refused form, so the user is not asked to choose it twice).
    public static func submitStep(_ dossier: Dossier, index: Int, input: SubmittedFields, files: [String: DocumentIntake.Upload],
                                  action: Action, fromSummary: Bool, account: Account?, work: URL,
                                  in context: OperationContext) async throws -> StepOutcome {
        let procedure = try context.guichet.procedure(of: dossier)
        let step = procedure.steps[index]
        let mode: ValidationMode = action == .next ? .strict : .lenient
        let typed = step.typedAnswers(input)
        var shown = dossier.answers
        shown.replace(fields: step.typedFields.map(\.id), with: typed)

        var errors = FieldErrors()
        var valid = Answers()
        switch procedure.validate(step.typedFields, answers: typed, mode: mode, context: context.validationContext) {
        case .success(let answers): valid = answers
        case .failure(let problems): errors = problems
        }
        var decisions: [String: AttachmentIntake.Decision] = [:]
        if errors.isEmpty, step.hasAttachments {
            let prepared = try await AttachmentIntake.prepare(step, input: input, files: files, userID: account?.id, work: work, in: context)
            decisions = prepared.decisions
            errors = prepared.errors
            if errors.isEmpty, mode == .strict {
                errors = AttachmentIntake.missing(step, decisions: decisions, current: dossier.answers, procedure: procedure, in: context)
            }
        }
        guard errors.isEmpty else {
            return .refused(shown: procedure.withProposals(shown, fields: step.typedFields, context: context.validationContext),
                            errors: errors, filesLost: !files.isEmpty)
        }

        guard let record = try await Dossiers.find(dossier.id, on: context.db) else { throw OperationError.notFound }
        let attached: Answers
        do {
            attached = try await AttachmentIntake.store(decisions, current: dossier.answers, dossier: record, procedure: procedure, in: context)
        } catch let full as StorageUsage.QuotaExceeded {
            return .refused(shown: shown, errors: AttachmentIntake.quotaRefusal(step, used: full.used, in: context), filesLost: true)
        }
        var answers = dossier.answers
        answers.replace(fields: step.typedFields.map(\.id), with: valid)
        answers.replace(fields: step.attachmentFields.map(\.id), with: attached)
        let nextStep = action == .next && !fromSummary ? min(index + 1, procedure.steps.count - 1) : index
        try await OperationError.whileTheDossierExists {
            try await Dossiers.update(record, answers: answers, step: nextStep, now: context.now, on: context.db)
        }
        if step.hasAttachments {
            try await DossierAttachments.removeUnused(dossierID: dossier.id, keeping: answers.attachmentIDs,
                                                      blobs: context.guichet.blobs, on: context.db)
        }
        guard let stored = record.dossier else { throw OperationError.notFound }
        return .stored(stored)
    }

    /// A document attached to the dossier, once the virus scanner released it.
    public static func attachment(_ id: UUID, of dossier: Dossier, in context: OperationContext) async throws -> (title: String, data: Data) {
        guard let record = try await DossierAttachments.find(id, dossierID: dossier.id, on: context.db) else { throw OperationError.notFound }
        guard record.scanState == .clean else { throw OperationError.notReady(ScanState.pendingMessage) }
        guard let data = try await context.guichet.blobs.get(record.blobKey, on: context.db) else { throw OperationError.notFound }
        return (record.title, data)
    }

    /// *Abandonner*: the dossier, its answers and its attachments are deleted.
    public static func abandon(_ dossier: Dossier, in context: OperationContext) async throws {
        guard let record = try await Dossiers.find(dossier.id, on: context.db) else { return }
        try await Dossiers.delete(record, transition: .abandon, blobs: context.guichet.blobs, on: context.db)
    }
}

extension Guichet {
    /// The definition of a dossier's procedure. A dossier whose procedure was withdrawn
    /// from the catalogue can no longer be filled.
    public func procedure(of dossier: Dossier) throws -> Procedure {
        guard let procedure = procedures.procedure(dossier.procedureID) else {
            throw OperationError.unavailable("Cette démarche n'est plus proposée en ligne. Adressez-vous directement à l'organisme concerné.")
        }
        return procedure
    }

    /// A procedure's title, or its id when it is no longer in the catalogue.
    public func title(of dossier: Dossier) -> String {
        procedures.procedure(dossier.procedureID)?.title ?? dossier.procedureID
    }
}
