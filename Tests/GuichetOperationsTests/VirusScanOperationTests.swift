import FluentKit
import Foundation
import GuichetAdapters
import GuichetCore
@testable import GuichetOperations
import GuichetStore
import GuichetTestSupport
import Testing

/// Every upload is scanned by ClamAV's daemon (the real one, with a test signature of
/// EICAR) before it can be downloaded or transmitted (SPEC §2).
@Suite struct VirusScanOperationTests {
    /// A photo with the EICAR test string appended, as a phone would never make it.
    static func infectedUpload(in folder: URL) async throws -> URL {
        let corpus = try await Corpus.shared.value
        let file = folder.appendingPathComponent("envoi-" + UUID().uuidString)
        try (try Data(contentsOf: corpus.url("jpeg-rgb.jpg")) + TestPortal.eicar).write(to: file)
        return file
    }

    static func add(_ file: URL, for account: Account, work: URL, in portal: TestPortal) async throws -> WalletDocuments.AddOutcome {
        try await WalletDocuments.add(account, form: DocumentForm(title: "Pièce", category: DocumentCategory.other.rawValue, note: ""),
                                      files: [.init(field: "fichier1", url: file)], firstField: "fichier1", work: work, in: portal.context())
    }

    @Test func anInfectedUploadIsRefusedAndNothingIsKept() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            let work = try Tools.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let outcome = try await Self.add(try await Self.infectedUpload(in: work), for: account, work: work, in: portal)
            #expect(outcome == .refused({ var e = FieldErrors(); e.add("fichier1", ScanState.infectedMessage); return e }(), filesLost: true))
            #expect(try await Wallet.list(userID: account.id, on: portal.db).isEmpty)
        }
    }

    @Test func withTheScannerDownADocumentWaitsAndIsReleasedByTheNextScan() async throws {
        try await withPortal { working in
            let account = try await working.createAccount()
            let down = working.with(scanner: ClamdScanner(socketPath: "/nonexistent/clamd.sock", timeout: .seconds(2)))
            let work = try Tools.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            guard case .added(_, _, _, let pending) = try await Self.add(try await DocumentOperationTests.samplePhoto(in: work), for: account,
                                                                         work: work, in: down), pending else {
                Issue.record("the document should wait for its scan")
                return
            }
            let document = try #require(try await WalletDocuments.list(account, in: down.context()).first)
            #expect(document.pending)
            await #expect(throws: OperationError.notReady(ScanState.pendingMessage)) {
                _ = try await WalletDocuments.content(document.id, of: account, in: down.context())
            }
            // Still down: nothing changes.
            #expect(try await PendingScanJob.run(guichet: down.guichet, now: down.clock.now(), on: down.db) == (0, 0))
            // Back up: released.
            #expect(try await PendingScanJob.run(guichet: working.guichet, now: working.clock.now(), on: working.db) == (1, 0))
            #expect(try await WalletDocuments.content(document.id, of: account, in: working.context()).data.starts(with: Data("%PDF".utf8)))
        }
    }

    @Test func aDocumentFoundInfectedLaterIsDeletedAndItsOwnerTold() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount()
            let document = try await Wallet.add(.init(title: "Facture", category: "autre", note: "", pages: 1, size: 68),
                                                data: TestPortal.eicar, userID: account.id, scan: .pending, blobs: portal.guichet.blobs,
                                                now: portal.clock.now(), on: portal.db)
            #expect(try await PendingScanJob.run(guichet: portal.guichet, now: portal.clock.now(), on: portal.db) == (0, 1))
            #expect(try await Wallet.find(try document.requireID(), userID: account.id, on: portal.db) == nil)
            #expect(try await portal.guichet.blobs.get(document.blobKey, on: portal.db) == nil)
            #expect(try await portal.emails(to: "jeanne@exemple.fr").last?.subject == "Un document a été supprimé de votre compte")
        }
    }

    @Test func anAttachmentWaitingForItsScanIsNeverTransmitted() async throws {
        try await withPortal { working in
            let account = try await working.createAccount()
            let down = working.with(scanner: ClamdScanner(socketPath: "/nonexistent/clamd.sock", timeout: .seconds(2)))
            guard case .started(var dossier) = try await DossierFilling.start("inscription-listes-electorales", account: account,
                                                                              in: down.context()) else { return }
            let procedure = try down.guichet.procedure(of: dossier)
            let work = try Tools.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let index = try #require(procedure.steps.firstIndex { $0.hasAttachments })
            let field = try #require(procedure.steps[index].attachmentFields.first)
            guard case .stored(let stored) = try await DossierFilling.submitStep(
                dossier, index: index, input: SubmittedFields([]),
                files: [field.id: .init(field: field.id, url: try await DocumentOperationTests.samplePhoto(in: work))],
                action: .save, fromSummary: false, account: account, work: work, in: down.context()) else {
                Issue.record("the attachment was refused")
                return
            }
            dossier = stored
            let attachment = try #require(try await DossierAttachments.list(dossierID: dossier.id, on: down.db).first)
            #expect(attachment.scanState == .pending)
            await #expect(throws: OperationError.notReady(ScanState.pendingMessage)) {
                _ = try await DossierFilling.attachment(try attachment.requireID(), of: dossier, in: down.context())
            }
        }
    }

    @Test func productionNeedsTheDaemon() {
        #expect(throws: ConfigurationError.self) {
            try AppConfig.load(mode: .production, environment: ["BASE_URL": "https://g.fr", "SMTP_URL": "smtps://relay", "SECRET_KEY": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
                               workingDirectory: URL(fileURLWithPath: "/srv"))
        }
    }
}
