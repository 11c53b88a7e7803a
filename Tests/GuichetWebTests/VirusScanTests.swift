import Foundation
import GuichetCore
import GuichetStore
import GuichetTestSupport
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

/// Uploads go through ClamAV's daemon before anyone can download them (SPEC §2).
@Suite struct VirusScanTests {
    @Test func anInfectedFileIsRefusedWithAFrenchMessageNextToIt() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let browser = try await WalletTests().signedIn(app)
            let infected = try Data(contentsOf: corpus.url("jpeg-rgb.jpg")) + TestPortal.eicar
            let page = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: WalletTests.fields,
                                                       files: [("fichier1", "photo.jpg", infected)])
            #expect(page.status == .unprocessableEntity)
            #expect(page.fieldError("fichier1") == ScanState.infectedMessage)
            #expect(page.inputValue("title") == "Carte d'identité", "the rest of the form is kept")
            #expect(try await DocumentRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func aDocumentWaitingForItsScanIsListedButNotServed() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            app.app.guichet = app.app.guichet.with(scanner: ClamdScanner(socketPath: "/nonexistent/clamd.sock", timeout: .seconds(2)))
            let browser = try await WalletTests().signedIn(app)
            let sent = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: WalletTests.fields,
                                                       files: [try WalletTests.file(corpus, "jpeg-rgb.jpg")])
            #expect(sent.location == "/mon-compte/mes-documents")
            let list = try await browser.get("/mon-compte/mes-documents")
            #expect(list.contains("Il sera disponible dès la fin de son analyse antivirus."))
            #expect(list.contains(ScanState.pendingLabel))
            let document = try #require(try await DocumentRecord.query(on: app.db).first())
            let download = try await browser.get("/mon-compte/mes-documents/\(try document.requireID())/telecharger")
            #expect(download.status == .conflict)
            #expect(download.contains("en cours d'analyse antivirus"))
        }
    }
}
