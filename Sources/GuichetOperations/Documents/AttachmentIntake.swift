import FluentKit
import Foundation
import GuichetCore
import GuichetPDF
import GuichetStore

/// The attachments of a step (SPEC §4): a document of the wallet or an uploaded file
/// (made into a PDF by the same pipeline as a wallet document), optionally kept in the
/// wallet too. Every choice is checked and converted before anything is stored, so a
/// step with one bad file stores none.
public enum AttachmentIntake {
    enum Decision: Sendable {
        /// Keep what is attached (or nothing).
        case keep
        case remove
        case attach(Prepared)
    }

    struct Prepared: Sendable {
        let title: String
        let pages: Int
        let data: Data
        /// Also add the upload to the account's wallet.
        let keepInWallet: Bool
        /// Whether the virus scanner released it.
        let scan: ScanState
    }

    /// The value of the wallet choice that detaches the current document.
    public static let removeValue = "retirer"

    /// Reads and checks the attachment choices of `step`; errors are keyed by input.
    static func prepare(_ step: Step, input: SubmittedFields, files: [String: DocumentIntake.Upload], userID: UUID?, work: URL,
                        in context: OperationContext) async throws -> (decisions: [String: Decision], errors: FieldErrors) {
        var decisions: [String: Decision] = [:]
        var errors = FieldErrors()
        var walletBytes = 0
        for field in step.attachmentFields {
            let chosen = input[FieldNames.walletDocument(field.id)]
            let keep = userID != nil && input[FieldNames.keepInWallet(field.id)] == "oui"
            if let file = files[field.id] {
                if !chosen.isEmpty, chosen != removeValue {
                    errors.add(field.id, "Choisissez un document de votre porte-documents ou envoyez un fichier, pas les deux.")
                    continue
                }
                switch try await DocumentIntake.assemble([file.url], work: work, in: context) {
                case .success(let result):
                    decisions[field.id] = .attach(Prepared(title: field.label, pages: result.pages, data: result.data, keepInWallet: keep,
                                                           scan: result.scan))
                    if keep { walletBytes += result.bytes }
                case .failure(let refusal):
                    errors.add(field.id, refusal.message)
                }
            } else if chosen == removeValue {
                decisions[field.id] = .remove
            } else if let documentID = UUID(uuidString: chosen), let userID {
                guard let document = try await Wallet.find(documentID, userID: userID, on: context.db),
                      let data = try await context.guichet.blobs.get(document.blobKey, on: context.db) else {
                    errors.add(FieldNames.walletDocument(field.id), "Ce document n'est plus dans votre porte-documents : choisissez-en un autre.")
                    continue
                }
                decisions[field.id] = .attach(Prepared(title: document.title, pages: document.pages, data: data, keepInWallet: false,
                                                       scan: document.scanState))
            } else if !chosen.isEmpty {
                errors.add(FieldNames.walletDocument(field.id), "Choisissez un document de la liste.")
            } else {
                decisions[field.id] = .keep
            }
        }
        if let userID, errors.isEmpty {
            try await checkQuota(step, decisions: decisions, walletBytes: walletBytes, userID: userID, errors: &errors, in: context)
        }
        return (decisions, errors)
    }

    /// An account's attachments count towards its storage quota like its wallet (SPEC
    /// §2), and so do the copies kept in the wallet. The error goes where the user can
    /// act: the keep-in-wallet box when only the copy does not fit, the file otherwise.
    private static func checkQuota(_ step: Step, decisions: [String: Decision], walletBytes: Int, userID: UUID,
                                   errors: inout FieldErrors, in context: OperationContext) async throws {
        let attached = step.attachmentFields.compactMap { field -> (String, Prepared)? in
            if case .attach(let prepared) = decisions[field.id] { return (field.id, prepared) }
            return nil
        }
        let attachedBytes = attached.reduce(0) { $0 + $1.1.data.count }
        guard attachedBytes + walletBytes > 0 else { return }
        if let full = try await StorageQuota.refusal(adding: attachedBytes, for: userID, in: context), let first = attached.first {
            errors.add(first.0, full + " Les pièces jointes de vos démarches comptent aussi dans cet espace.")
        } else if walletBytes > 0, let full = try await StorageQuota.refusal(adding: attachedBytes + walletBytes, for: userID, in: context),
                  let kept = attached.first(where: { $0.1.keepInWallet }) {
            errors.add(FieldNames.keepInWallet(kept.0), full
                       + " Décochez « Conserver aussi ce fichier dans mon porte-documents » pour joindre le fichier à la démarche seulement.")
        }
    }

    /// The quota refusal when an attachment no longer fits at the moment it is stored
    /// (another upload of the account won the space in between).
    static func quotaRefusal(_ step: Step, used: Int, in context: OperationContext) -> FieldErrors {
        var errors = FieldErrors()
        if let field = step.attachmentFields.first {
            errors.add(field.id, StorageQuota.message(used: used, quota: context.config.walletQuotaBytes)
                       + " Les pièces jointes de vos démarches comptent aussi dans cet espace.")
        }
        return errors
    }

    /// Required attachment fields that this post would leave empty.
    static func missing(_ step: Step, decisions: [String: Decision], current: Answers, procedure: Procedure,
                        in context: OperationContext) -> FieldErrors {
        var after = Answers()
        for field in step.attachmentFields {
            switch decisions[field.id] {
            case .attach: after[field.id] = .attachment(UUID())
            case .remove: after[field.id] = nil
            case .keep, nil: after[field.id] = current[field.id]
            }
        }
        if case .failure(let errors) = procedure.validate(step.attachmentFields, answers: after, mode: .strict,
                                                          context: context.validationContext) {
            return errors
        }
        return FieldErrors()
    }

    /// Stores the decisions: new attachments replace the field's previous one. Returns
    /// the answers of the attachment fields.
    static func store(_ decisions: [String: Decision], current: Answers, dossier: DossierRecord, procedure: Procedure,
                      in context: OperationContext) async throws -> Answers {
        var answers = Answers()
        let dossierID = try dossier.requireID()
        let blobs = context.guichet.blobs
        for (fieldID, decision) in decisions {
            switch decision {
            case .keep:
                answers[fieldID] = current[fieldID]
            case .remove:
                answers[fieldID] = nil
            case .attach(let prepared):
                let record = try await DossierAttachments.attach(
                    .init(fieldID: fieldID, title: prepared.title, pages: prepared.pages, size: prepared.data.count,
                          sha256: TokenHash.sha256(prepared.data)),
                    data: prepared.data, dossierID: dossierID, owner: dossier.userID, quota: context.config.walletQuotaBytes,
                    scan: prepared.scan, blobs: blobs, now: context.now, on: context.db)
                answers[fieldID] = .attachment(try record.requireID())
                if prepared.keepInWallet, let userID = dossier.userID {
                    _ = try await Wallet.add(Wallet.NewDocument(title: prepared.title, category: DocumentCategory.other.rawValue,
                                                                note: "Joint à la démarche « \(procedure.title) »",
                                                                pages: prepared.pages, size: prepared.data.count),
                                             data: prepared.data, userID: userID, quota: context.config.walletQuotaBytes,
                                             scan: prepared.scan, blobs: blobs, now: context.now, on: context.db)
                }
            }
        }
        return answers
    }
}
