import FluentKit
import Foundation
import GuichetCore
import GuichetPDF
import GuichetStore

/// *Mes documents > Mon porte-documents* (SPEC §2): list, add (upload, convert, merge),
/// download, rename, delete. A document is only ever found together with its owner.
public enum WalletDocuments {
    /// A document as its list shows it.
    public struct Summary: Sendable, Equatable {
        public let id: UUID
        public let title: String
        /// The category's French label.
        public let category: String
        public let pages: Int
        public let size: Int
        public let date: Date
        /// Not released by the virus scanner yet.
        public let pending: Bool
    }

    public static func list(_ account: Account, in context: OperationContext) async throws -> [Summary] {
        try await Wallet.list(userID: account.id, on: context.db).compactMap(summary)
    }

    public enum AddOutcome: Sendable, Equatable {
        /// `pending`: kept, but not downloadable until the virus scanner releases it.
        case added(title: String, pages: Int, bytes: Int, pending: Bool)
        /// Errors keyed by the form's fields; `filesLost`: the chosen files were not kept
        /// and must be chosen again.
        case refused(FieldErrors, filesLost: Bool)
    }

    /// Adds a document made of `files` (1 to 4, in order). `firstField` receives the
    /// errors that concern the upload as a whole.
    public static func add(_ account: Account, form: DocumentForm, files: [DocumentIntake.Upload], firstField: String,
                           work: URL, in context: OperationContext) async throws -> AddOutcome {
        var errors = FieldErrors()
        if files.isEmpty { errors.add(firstField, "Choisissez au moins un fichier.") }
        let validation = form.validate()
        if case .failure(let fieldErrors) = validation {
            for entry in fieldErrors.entries { errors.add(entry.field, entry.message) }
        }
        // A full wallet is refused before the files are even read (one more byte would not fit).
        if errors.isEmpty, let full = try await StorageQuota.refusal(adding: 1, for: account.id, in: context) {
            errors.add(firstField, full)
        }
        guard errors.isEmpty, case .success(let valid) = validation else { return .refused(errors, filesLost: !files.isEmpty) }

        let assembled: DocumentIntake.Assembled
        switch try await DocumentIntake.assemble(files.map(\.url), work: work,
                                                 busyMessage: "Le service est très sollicité. Réessayez d'ajouter votre document dans quelques instants.",
                                                 in: context) {
        case .success(let result):
            assembled = result
        case .failure(let refusal):
            errors.add(refusal.file.map { files[$0].field } ?? firstField, refusal.message)
            return .refused(errors, filesLost: true)
        }
        if let full = try await StorageQuota.refusal(adding: assembled.bytes, for: account.id, in: context) {
            errors.add(firstField, full + " Ce document fait \(ByteSize.french(assembled.bytes)).")
            return .refused(errors, filesLost: true)
        }
        do {
            // The quota is checked again with the row, in one transaction: parallel
            // uploads of one account cannot overrun it together.
            _ = try await Wallet.add(Wallet.NewDocument(title: valid.title, category: valid.category.rawValue, note: valid.note,
                                                        pages: assembled.pages, size: assembled.bytes),
                                     data: assembled.data, userID: account.id, quota: context.config.walletQuotaBytes,
                                     scan: assembled.scan, blobs: context.guichet.blobs, now: context.now, on: context.db)
        } catch let full as StorageUsage.QuotaExceeded {
            errors.add(firstField, StorageQuota.message(used: full.used, quota: context.config.walletQuotaBytes)
                       + " Ce document fait \(ByteSize.french(assembled.bytes)).")
            return .refused(errors, filesLost: true)
        }
        context.guichet.metrics.event("document_added")
        return .added(title: valid.title, pages: assembled.pages, bytes: assembled.bytes, pending: assembled.scan == .pending)
    }

    /// The account's document, or nil (never another account's).
    public static func find(_ id: UUID, of account: Account, in context: OperationContext) async throws -> Summary? {
        try await Wallet.find(id, userID: account.id, on: context.db).flatMap(summary)
    }

    /// The PDF of the account's document, with its title; never before the virus
    /// scanner released it (`notReady`).
    public static func content(_ id: UUID, of account: Account, in context: OperationContext) async throws -> (title: String, data: Data) {
        guard let document = try await Wallet.find(id, userID: account.id, on: context.db) else { throw OperationError.notFound }
        guard document.scanState == .clean else { throw OperationError.notReady(ScanState.pendingMessage) }
        guard let data = try await context.guichet.blobs.get(document.blobKey, on: context.db) else { throw OperationError.notFound }
        return (document.title, data)
    }

    /// Renames the document; returns the new title, or the field errors.
    public static func rename(_ id: UUID, of account: Account, to typed: String, in context: OperationContext) async throws -> Result<String, FieldErrors> {
        guard let document = try await Wallet.find(id, userID: account.id, on: context.db) else { throw OperationError.notFound }
        let title = Text.normalized(typed)
        if let problem = DocumentForm.titleProblem(title) {
            var errors = FieldErrors()
            errors.add("title", problem)
            return .failure(errors)
        }
        try await Wallet.rename(document, to: title, now: context.now, on: context.db)
        return .success(title)
    }

    /// Deletes the document and returns its title.
    @discardableResult
    public static func delete(_ id: UUID, of account: Account, in context: OperationContext) async throws -> String {
        guard let document = try await Wallet.find(id, userID: account.id, on: context.db) else { throw OperationError.notFound }
        try await Wallet.delete(document, blobs: context.guichet.blobs, on: context.db)
        return document.title
    }

    private static func summary(_ document: DocumentRecord) -> Summary? {
        guard let id = document.id else { return nil }
        return Summary(id: id, title: document.title, category: DocumentCategory(rawValue: document.category)?.label ?? document.category,
                       pages: document.pages, size: document.size, date: document.createdAt, pending: document.scanState == .pending)
    }
}
