import Foundation
import GuichetCore
import GuichetPDF
import GuichetStore
import Vapor

/// The attachments of a step (SPEC §4): a document of the wallet or an uploaded file
/// (made into a PDF like a wallet document), optionally kept in the wallet too. Every
/// choice is checked and converted before anything is stored, so a step with one bad
/// file stores none.
struct AttachmentIntake {
    enum Decision {
        /// Keep what is attached (or nothing).
        case keep
        case remove
        case attach(Prepared)
    }

    struct Prepared {
        let title: String
        let pages: Int
        let data: Data
        /// Also add the upload to the account's wallet.
        let keepInWallet: Bool
    }

    static let removeValue = "retirer"

    /// Reads and checks the attachment choices of `step`; errors are keyed by input.
    static func prepare(_ step: Step, submission: StepSubmission, userID: UUID?, work: URL,
                        on req: Request) async throws -> (decisions: [String: Decision], errors: FieldErrors) {
        var decisions: [String: Decision] = [:]
        var errors = FieldErrors()
        var walletBytes = 0
        for field in step.attachmentFields {
            let chosen = submission.fields[FieldNames.walletDocument(field.id)]
            let keep = userID != nil && submission.fields[FieldNames.keepInWallet(field.id)] == "oui"
            if let file = submission.files[field.id] {
                if !chosen.isEmpty, chosen != removeValue {
                    errors.add(field.id, "Choisissez un document de votre porte-documents ou envoyez un fichier, pas les deux.")
                    continue
                }
                do {
                    let result = try await req.guichet.documentPool.run { try DocumentAssembler.assemble([file.url], in: work) }
                    decisions[field.id] = .attach(Prepared(title: field.label, pages: result.pages, data: result.data, keepInWallet: keep))
                    if keep { walletBytes += result.bytes }
                } catch let failure as DocumentAssembler.Failure {
                    errors.add(field.id, failure.error.message)
                } catch is BoundedPool.Overloaded {
                    throw WebError.serviceUnavailable("Le service est très sollicité. Réessayez dans quelques instants.")
                }
            } else if chosen == removeValue {
                decisions[field.id] = .remove
            } else if let documentID = UUID(uuidString: chosen), let userID {
                guard let document = try await Wallet.find(documentID, userID: userID, on: req.db),
                      let data = try await req.guichet.blobs.get(document.blobKey, on: req.db) else {
                    errors.add(FieldNames.walletDocument(field.id), "Ce document n'est plus dans votre porte-documents : choisissez-en un autre.")
                    continue
                }
                decisions[field.id] = .attach(Prepared(title: document.title, pages: document.pages, data: data, keepInWallet: false))
            } else if !chosen.isEmpty {
                errors.add(FieldNames.walletDocument(field.id), "Choisissez un document de la liste.")
            } else {
                decisions[field.id] = .keep
            }
        }
        if walletBytes > 0, let userID, errors.isEmpty {
            let used = try await Wallet.usedBytes(userID: userID, on: req.db)
            let quota = req.guichet.config.walletQuotaBytes
            if used + walletBytes > quota,
               let field = step.fields.first(where: { if case .attach(let p) = decisions[$0.id] { return p.keepInWallet } else { return false } }) {
                errors.add(FieldNames.keepInWallet(field.id), WalletController.quotaMessage(used: used, quota: quota)
                           + " Décochez « Conserver aussi ce fichier dans mon porte-documents » pour joindre le fichier à la démarche seulement.")
            }
        }
        return (decisions, errors)
    }

    /// Stores the decisions: new attachments replace the field's previous one. Returns
    /// the answers of the attachment fields.
    static func store(_ decisions: [String: Decision], current: Answers, dossier: DossierRecord, procedure: Procedure,
                      on req: Request) async throws -> Answers {
        var answers = Answers()
        let dossierID = try dossier.requireID()
        for (fieldID, decision) in decisions {
            switch decision {
            case .keep:
                answers[fieldID] = current[fieldID]
            case .remove:
                answers[fieldID] = nil
            case .attach(let prepared):
                let record = try await DossierAttachments.attach(
                    .init(fieldID: fieldID, title: prepared.title, pages: prepared.pages, size: prepared.data.count),
                    data: prepared.data, dossierID: dossierID, blobs: req.guichet.blobs, now: req.now, on: req.db)
                answers[fieldID] = .attachment(try record.requireID())
                if prepared.keepInWallet, let userID = dossier.userID {
                    _ = try await Wallet.add(Wallet.NewDocument(title: prepared.title, category: DocumentCategory.other.rawValue,
                                                                note: "Joint à la démarche « \(procedure.title) »",
                                                                pages: prepared.pages, size: prepared.data.count),
                                             data: prepared.data, userID: userID, blobs: req.guichet.blobs, now: req.now, on: req.db)
                }
            }
        }
        return answers
    }
}
