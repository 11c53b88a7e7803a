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
            guard case .added(let title, let pages, let bytes) = outcome else {
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
            #expect(result == .failure(.init(file: 0, message: DocumentError.unsupportedFormat.message)))
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
            #expect(errors[FieldNames.keepInWallet(field.id)]?.hasPrefix("Votre porte-documents est plein") == true)
            #expect(try await Wallet.list(userID: account.id, on: portal.db).isEmpty)
        }
    }
}
