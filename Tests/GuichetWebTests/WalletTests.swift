import Fluent
import Foundation
import GuichetCore
import GuichetPDF
import GuichetStore
import GuichetTestSupport
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct WalletTests {
    static func file(_ corpus: Corpus, _ name: String, field: String = "fichier1") throws -> (field: String, filename: String, data: Data) {
        (field, name, try Data(contentsOf: corpus.url(name)))
    }

    static let fields = [("title", "Carte d'identité"), ("category", "identite"), ("note", "Valable jusqu'en 2031")]

    /// Signs in a fresh account and returns its browser.
    func signedIn(_ app: TestApp, _ identifier: String = "jeanne.martin") async throws -> TestBrowser {
        try await app.createAccount(identifier, email: "\(identifier)@exemple.fr")
        let browser = app.browser()
        try await browser.signIn(identifier)
        return browser
    }

    func documents(_ app: TestApp) async throws -> [DocumentRecord] {
        try await DocumentRecord.query(on: app.db).all()
    }

    func blobFiles(_ app: TestApp) -> [String] {
        let root = app.config.blobDirectory
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { !$0.contains("/") ? false : true }
    }

    @Test func emptyWalletShowsTheQuotaAndTheAddButton() async throws {
        try await withApp { app in
            let browser = try await signedIn(app)
            let page = try await browser.get("/mon-compte/mes-documents")
            #expect(page.heading == "Mon porte-documents")
            #expect(page.contains("Espace utilisé : 0 octets sur 100 Mo (0 %)."))
            #expect(page.contains("Votre porte-documents est vide."))
            let form = try await browser.get("/mon-compte/mes-documents/ajouter")
            #expect(form.contains(#"enctype="multipart/form-data""#))
            #expect(form.contains("Premier fichier") && form.contains("Fichier 4"))
            #expect(form.contains("?_csrf="))
        }
    }

    @Test func anImageBecomesAOnePagePDFThatCanBeDownloaded() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let browser = try await signedIn(app)
            let sent = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields,
                                                       files: [try Self.file(corpus, "jpeg-rgb.jpg")])
            #expect(sent.location == "/mon-compte/mes-documents")
            let list = try await browser.get("/mon-compte/mes-documents")
            #expect(list.contains("Le document « Carte d'identité » a été ajouté (1 page,"))
            #expect(list.contains("Pièce d'identité"))
            let stored = try #require(try await documents(app).first)
            #expect(stored.pages == 1 && stored.note == "Valable jusqu'en 2031")
            let download = try await browser.get("/mon-compte/mes-documents/\(try stored.requireID())/telecharger")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(download.headers.first(name: .contentDisposition)
                == "attachment; filename=\"carte-d-identite.pdf\"; filename*=UTF-8''Carte%20d%27identit%C3%A9.pdf")
            let response = try await app.app.testing().sendRequest(.GET, "/mon-compte/mes-documents/\(try stored.requireID())/telecharger",
                                                                    headers: ["Cookie": browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")])
            let pdf = app.database.directory.appendingPathComponent("telecharge.pdf")
            try Data(response.body.readableBytesView).write(to: pdf)
            #expect(try Tools.qpdfCheck(pdf))
            #expect(try Tools.popplerPages(pdf) == 1)
            let jpeg = try Data(contentsOf: corpus.url("jpeg-rgb.jpg"))
            #expect(Data(response.body.readableBytesView).range(of: jpeg) != nil, "the JPEG's bytes are in the PDF unchanged")
        }
    }

    @Test func fourFilesAreMergedIntoOneDocument() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let browser = try await signedIn(app)
            let sent = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields, files: [
                try Self.file(corpus, "pdf-10.pdf", field: "fichier1"), try Self.file(corpus, "png-rgba.png", field: "fichier2"),
                try Self.file(corpus, "gif-transparent.gif", field: "fichier3"), try Self.file(corpus, "jpeg-gray.jpg", field: "fichier4"),
            ])
            #expect(sent.status == .seeOther)
            #expect(try await documents(app).first?.pages == 13)
            #expect(try await browser.get("/mon-compte/mes-documents").contains("13 pages"))
        }
    }

    @Test(arguments: [("encrypted.pdf", "Ce PDF est protégé par un mot de passe"), ("truncated.png", "Ce fichier PNG est incomplet ou endommagé"),
                      ("polyglot-jpeg-pdf.jpg", "contient des données inattendues"), ("text.pdf", "n'est ni un PDF, ni une image"),
                      ("huge-50000x50000.png", "100 mégapixels au plus"), ("zero.pdf", "Ce fichier est vide.")])
    func hostileFileIsRefusedNextToItsFieldAndNothingIsStored(name: String, message: String) async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let browser = try await signedIn(app)
            let page = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields,
                                                       files: [try Self.file(corpus, "jpeg-rgb.jpg", field: "fichier1"), try Self.file(corpus, name, field: "fichier2")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.fieldError("fichier2")?.contains(message) == true, "\(page.fieldError("fichier2") ?? page.summaryErrors.description)")
            #expect(page.inputValue("title") == "Carte d'identité", "the other input is kept")
            #expect(page.contains("choisissez-les de nouveau"))
            #expect(try await documents(app).isEmpty)
            #expect(blobFiles(app).isEmpty)
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: app.config.workDirectory.path)) ?? []
            #expect(leftovers.isEmpty, "no upload left behind")
        }
    }

    @Test func anUnusedFileFieldIsIgnored() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let browser = try await signedIn(app)
            let page = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields,
                                                       files: [try Self.file(corpus, "png-rgb8.png"), ("fichier2", "", Data())])
            #expect(page.status == .seeOther)
            #expect(try await documents(app).first?.pages == 1)
        }
    }

    @Test func missingFileAndTitleAreExplained() async throws {
        try await withApp { app in
            let browser = try await signedIn(app)
            let page = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: [("category", "")], files: [])
            #expect(page.status == .unprocessableEntity)
            #expect(page.summaryErrors == ["Choisissez au moins un fichier.", "Donnez un titre au document, par exemple « Carte d'identité ».",
                                           "Choisissez la catégorie du document."])
        }
    }

    @Test func tooLargeFileIsCutOffWhileReading() async throws {
        try await withApp { app in
            let browser = try await signedIn(app)
            let big = Data(repeating: 0x41, count: DocumentLimits.maximumFileBytes + 10)
            let page = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields,
                                                       files: [("fichier1", "grand.pdf", big)])
            #expect(page.status == .unprocessableEntity)
            #expect(page.fieldError("fichier1") == "Ce fichier dépasse 20 Mo. Réduisez-le puis réessayez.")
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: app.config.workDirectory.path)) ?? []
            #expect(leftovers.isEmpty)
        }
    }

    @Test func quotaIsEnforced() async throws {
        let corpus = try await Corpus.shared.value
        // One copy of the image fits, two do not.
        try await withApp({ $0.walletQuotaBytes = 10_000 }) { app in
            let browser = try await signedIn(app)
            let first = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields, files: [try Self.file(corpus, "jpeg-gray.jpg")])
            #expect(first.status == .seeOther)
            let second = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields, files: [try Self.file(corpus, "jpeg-gray.jpg")])
            #expect(second.status == .unprocessableEntity)
            #expect(second.fieldError("fichier1")?.hasPrefix("Votre porte-documents est plein") == true)
            #expect(try await documents(app).count == 1)
        }
    }

    @Test func uploadWithoutTheFormTokenIsRefused() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let browser = try await signedIn(app)
            let page = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields,
                                                       files: [try Self.file(corpus, "jpeg-rgb.jpg")], includeCSRF: false)
            #expect(page.status == .forbidden)
            #expect(try await documents(app).isEmpty)
        }
    }

    @Test func renameAndDelete() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let browser = try await signedIn(app)
            _ = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields, files: [try Self.file(corpus, "png-rgb8.png")])
            let document = try #require(try await documents(app).first)
            let id = try document.requireID()
            #expect(try await browser.get("/mon-compte/mes-documents/\(id)/renommer").inputValue("title") == "Carte d'identité")
            let refused = try await browser.post("/mon-compte/mes-documents/\(id)/renommer", [("title", " ")])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await browser.post("/mon-compte/mes-documents/\(id)/renommer", [("title", "Passeport")]).location == "/mon-compte/mes-documents")
            #expect(try await browser.get("/mon-compte/mes-documents").contains("Passeport"))
            #expect(blobFiles(app).count == 1)
            #expect(try await browser.get("/mon-compte/mes-documents/\(id)/supprimer").contains("sera supprimé définitivement"))
            #expect(try await browser.post("/mon-compte/mes-documents/\(id)/supprimer", []).location == "/mon-compte/mes-documents")
            #expect(try await documents(app).isEmpty)
            #expect(blobFiles(app).isEmpty)
        }
    }

    @Test func documentsAreOnlyVisibleToTheirOwner() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let jeanne = try await signedIn(app, "jeanne.martin")
            _ = try await jeanne.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields, files: [try Self.file(corpus, "png-rgb8.png")])
            let id = try #require(try await documents(app).first?.id)
            let paul = try await signedIn(app, "paul.durand")
            #expect(!(try await paul.get("/mon-compte/mes-documents")).contains("Carte d'identité"))
            for path in ["telecharger", "renommer", "supprimer"] {
                #expect(try await paul.get("/mon-compte/mes-documents/\(id)/\(path)").status == .notFound, "\(path)")
            }
            #expect(try await paul.post("/mon-compte/mes-documents/\(id)/supprimer", []).status == .notFound)
            #expect(try await paul.post("/mon-compte/mes-documents/\(id)/renommer", [("title", "volé")]).status == .notFound)
            #expect(try await documents(app).first?.title == "Carte d'identité")
            #expect(try await app.browser().get("/mon-compte/mes-documents/\(id)/telecharger").status == .seeOther)
        }
    }

    @Test func databaseBlobStoreKeepsDocumentsInTheDatabase() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp({ $0.blobStorage = .database }) { app in
            let browser = try await signedIn(app)
            _ = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields, files: [try Self.file(corpus, "gif-palette.gif")])
            #expect(try await BlobRecord.query(on: app.db).count() == 1)
            #expect(blobFiles(app).isEmpty)
            let id = try #require(try await documents(app).first?.id)
            let download = try await browser.get("/mon-compte/mes-documents/\(id)/telecharger")
            #expect(download.body.hasPrefix("%PDF-"))
            _ = try await browser.post("/mon-compte/mes-documents/\(id)/supprimer", [])
            #expect(try await BlobRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func aRowThatCannotBeWrittenLeavesNoBlob() async throws {
        try await withApp { app in
            await #expect(throws: (any Error).self) {
                // No such account: the row is refused by its foreign key.
                _ = try await Wallet.add(Wallet.NewDocument(title: "t", category: "autre", note: "", pages: 1, size: 8), data: Data("%PDF-1.4".utf8),
                                         userID: UUID(), blobs: app.app.guichet.blobs, now: app.clock.now(), on: app.db)
            }
            #expect(blobFiles(app).isEmpty)
        }
    }

    @Test func orphanBlobsAreCollected() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let browser = try await signedIn(app)
            _ = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields, files: [try Self.file(corpus, "png-rgb8.png")])
            try await app.app.guichet.blobs.put("0000-orphan", data: Data("%PDF".utf8), on: app.db)
            #expect(blobFiles(app).count == 2)
            #expect(try await Wallet.collectOrphans(blobs: app.app.guichet.blobs, storedBefore: Date().addingTimeInterval(60), on: app.db) == 1)
            #expect(blobFiles(app).count == 1)
            let id = try #require(try await documents(app).first?.id)
            #expect(try await browser.get("/mon-compte/mes-documents/\(id)/telecharger").status == .ok)
        }
    }

    @Test func deletingTheAccountDeletesItsDocuments() async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let browser = try await signedIn(app)
            _ = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: Self.fields, files: [try Self.file(corpus, "png-rgb8.png")])
            #expect(try await browser.post("/mon-compte/mes-options/suppression", [("password", TestApp.password)]).location == "/compte-supprime")
            #expect(try await documents(app).isEmpty)
            #expect(blobFiles(app).isEmpty)
        }
    }
}
