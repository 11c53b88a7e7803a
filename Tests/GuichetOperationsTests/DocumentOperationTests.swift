import FluentKit
import Foundation
import GuichetCore
import GuichetPDF
@testable import GuichetOperations
import GuichetStore
import GuichetTestSupport
import Testing

/// The one upload pipeline and the one quota rule, for the wallet and for attachments.
@Suite struct DocumentOperationTests {
    /// A photo from the corpus, as an upload (the pipeline makes it a one-page PDF).
    static func samplePhoto(in folder: URL) async throws -> URL {
        let corpus = try await Corpus.shared.value
        let source = corpus.url("jpeg-rgb.jpg")
        let copy = folder.appendingPathComponent("envoi-" + UUID().uuidString)
        try FileManager.default.copyItem(at: source, to: copy)
        return copy
    }

    @Test func aWalletDocumentIsAssembledAndCountedAgainstTheQuota() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            let work = try Tools.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let form = DocumentForm(title: "Justificatif de domicile", category: DocumentCategory.other.rawValue, note: "")
            let outcome = try await WalletDocuments.add(account, form: form, files: [.init(field: "fichier1", url: try await Self.samplePhoto(in: work))],
                                                        firstField: "fichier1", work: work, in: portal.context())
            guard case .added(let title, let pages, let bytes, let pending) = outcome, !pending else {
                Issue.record("refused: \(outcome)")
                return
            }
            #expect(title == "Justificatif de domicile" && pages >= 1)
            #expect(try await StorageQuota.used(by: account.id, in: portal.context()) == bytes)
        }
    }

    @Test func aFullWalletRefusesTheNextDocumentBeforeReadingIt() async throws {
        try await withPortal({ $0.walletQuotaBytes = 1000 }) { portal in
            let account = try await portal.createAccount()
            _ = try await Wallet.add(.init(title: "Ancien", category: "autre", note: "", pages: 1, size: 1000), data: Data(count: 1000),
                                     userID: account.id, blobs: portal.guichet.blobs, now: portal.clock.now(), on: portal.db)
            let work = try Tools.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let form = DocumentForm(title: "Nouveau", category: DocumentCategory.other.rawValue, note: "")
            let outcome = try await WalletDocuments.add(account, form: form, files: [.init(field: "fichier1", url: try await Self.samplePhoto(in: work))],
                                                        firstField: "fichier1", work: work, in: portal.context())
            guard case .refused(let errors, _) = outcome else {
                Issue.record("accepted past the quota")
                return
            }
            #expect(errors["fichier1"]?.hasPrefix("Votre porte-documents est plein") == true)
            #expect(try await Wallet.list(userID: account.id, on: portal.db).count == 1)
        }
    }

    @Test func aHostileFileIsRefusedByThePipelineWithItsMessage() async throws {
        try await withPortal { portal in
            let work = try Tools.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let file = work.appendingPathComponent("envoi-1")
            try Data("MZ\u{90}\0 pas un document".utf8).write(to: file)
            let result = try await DocumentIntake.assemble([file], work: work, in: portal.context())
            guard case .failure(let refusal) = result else {
                Issue.record("a hostile file was accepted")
                return
            }
            #expect(refusal == .init(file: 0, message: DocumentError.unsupportedFormat.message))
        }
    }

    @Test func anAttachmentKeptInTheWalletObeysTheSameQuota() async throws {
        try await withPortal({ $0.walletQuotaBytes = 1000 }) { portal in
            let account = try await portal.createAccount()
            guard case .started(let dossier) = try await DossierFilling.start("inscription-listes-electorales", account: account,
                                                                              in: portal.context()) else { return }
            let procedure = try portal.guichet.procedure(of: dossier)
            guard let index = procedure.steps.firstIndex(where: \.hasAttachments) else {
                Issue.record("the electoral registration has no attachment step")
                return
            }
            let field = try #require(procedure.steps[index].attachmentFields.first)
            let work = try Tools.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let upload = DocumentIntake.Upload(field: field.id, url: try await Self.samplePhoto(in: work))
            let outcome = try await DossierFilling.submitStep(dossier, index: index,
                                                              input: SubmittedFields([(FieldNames.keepInWallet(field.id), "oui")]),
                                                              files: [field.id: upload], action: .save, fromSummary: false, account: account,
                                                              work: work, in: portal.context())
            guard case .refused(_, let errors, let filesLost) = outcome else {
                Issue.record("a file past the quota went to the wallet")
                return
            }
            #expect(filesLost)
            // The attachment itself does not fit: attachments count towards the quota (SPEC §2).
            #expect(errors[field.id]?.hasPrefix("Votre porte-documents est plein") == true)
            #expect(errors[field.id]?.contains("Les pièces jointes de vos démarches comptent aussi") == true)
            #expect(try await Wallet.list(userID: account.id, on: portal.db).isEmpty)
            #expect(try await DossierAttachments.list(dossierID: dossier.id, on: portal.db).isEmpty)
        }
    }

    @Test func attachmentsCountTowardsTheQuotaAndTheKeptCopyToo() async throws {
        let corpus = try await Corpus.shared.value
        let photoBytes = try Data(contentsOf: corpus.url("jpeg-rgb.jpg")).count
        // Room for the attachment (a PDF a little larger than the photo), not for a second copy.
        try await withPortal({ $0.walletQuotaBytes = photoBytes * 3 / 2 + 4000 }) { portal in
            let account = try await portal.createAccount()
            guard case .started(let dossier) = try await DossierFilling.start("inscription-listes-electorales", account: account,
                                                                              in: portal.context()) else { return }
            let procedure = try portal.guichet.procedure(of: dossier)
            let index = try #require(procedure.steps.firstIndex { $0.hasAttachments })
            let field = try #require(procedure.steps[index].attachmentFields.first)
            let work = try Tools.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let kept = try await DossierFilling.submitStep(dossier, index: index,
                                                           input: SubmittedFields([(FieldNames.keepInWallet(field.id), "oui")]),
                                                           files: [field.id: .init(field: field.id, url: try await Self.samplePhoto(in: work))],
                                                           action: .save, fromSummary: false, account: account, work: work, in: portal.context())
            guard case .refused(_, let errors, _) = kept else {
                Issue.record("the copy kept in the wallet went past the quota")
                return
            }
            #expect(errors[FieldNames.keepInWallet(field.id)]?.contains("Décochez") == true)
            let attachedOnly = try await DossierFilling.submitStep(dossier, index: index, input: SubmittedFields([]),
                                                                   files: [field.id: .init(field: field.id, url: try await Self.samplePhoto(in: work))],
                                                                   action: .save, fromSummary: false, account: account, work: work, in: portal.context())
            guard case .stored = attachedOnly else {
                Issue.record("the attachment alone should fit: \(attachedOnly)")
                return
            }
            let used = try await StorageQuota.used(by: account.id, in: portal.context())
            let attachedBytes = try await DossierAttachments.list(dossierID: dossier.id, on: portal.db).reduce(0) { $0 + $1.size }
            #expect(used > 0 && used == attachedBytes)
        }
    }

    @Test func parallelUploadsCannotOverrunTheQuotaTogether() async throws {
        try await withPortal({ $0.walletQuotaBytes = 10_000 }) { portal in
            let account = try await portal.createAccount()
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for number in 0..<12 {
                    group.addTask {
                        (try? await Wallet.add(.init(title: "Pièce \(number)", category: "autre", note: "", pages: 1, size: 2_000),
                                               data: Data(count: 2_000), userID: account.id, quota: 10_000, blobs: portal.guichet.blobs,
                                               now: portal.clock.now(), on: portal.db)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 5)
            #expect(try await StorageQuota.used(by: account.id, in: portal.context()) == 10_000)
        }
    }
}
