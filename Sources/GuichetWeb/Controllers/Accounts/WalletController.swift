import Foundation
import GuichetCore
import GuichetPDF
import GuichetStore
import Vapor

/// *Mes documents > Mon porte-documents*: list, add (upload, convert, merge), download,
/// rename, delete. A document is only ever found together with its owner.
enum WalletController {
    @Sendable static func list(req: Request) async throws -> Response {
        let user = try await req.user()
        let id = try user.requireID()
        let documents = try await Wallet.list(userID: id, on: req.db)
        let rows = documents.compactMap { document -> WalletPage.Row? in
            guard let documentID = document.id else { return nil }
            return WalletPage.Row(id: documentID, title: document.title,
                                  category: DocumentCategory(rawValue: document.category)?.label ?? document.category,
                                  pages: document.pages, size: document.size, date: document.createdAt)
        }
        let notice = req.session.takeFlash("wallet").map { PageNotice(kind: .success, text: $0) }
        return req.render(WalletPage(rows: rows, usedBytes: documents.reduce(0) { $0 + $1.size },
                                     quotaBytes: req.guichet.config.walletQuotaBytes, notice: notice))
    }

    @Sendable static func addForm(req: Request) async throws -> Response {
        _ = try await req.user()
        return req.render(AddDocumentPage())
    }

    @Sendable static func add(req: Request) async throws -> Response {
        let user = try await req.user()
        let userID = try user.requireID()
        let config = req.guichet.config
        let work = config.workDirectory.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        var errors = FieldErrors()
        let upload: MultipartUpload
        do {
            upload = try await MultipartUpload.receive(req, into: work, maximumFileBytes: DocumentLimits.maximumFileBytes,
                                                       maximumTotalBytes: DocumentLimits.maximumFiles * DocumentLimits.maximumFileBytes + 1_000_000)
        } catch {
            switch error {
            case .fileTooLarge(let field):
                errors.add(AddDocumentPage.fileFields.contains(field) ? field : "fichier1", DocumentError.fileTooLarge(maximum: DocumentLimits.maximumFileBytes).message)
            case .requestTooLarge:
                errors.add("fichier1", "L'envoi dépasse la taille autorisée : 4 fichiers de 20 Mo au plus.")
            case .notMultipart, .unreadable:
                errors.add("fichier1", WebError.unreadableForm.reason)
            }
            return req.render(AddDocumentPage(errors: errors, filesLost: true), status: .unprocessableEntity)
        }

        let fields = upload.form
        let form = DocumentForm(title: fields["title"], category: fields["category"], note: fields["note"])
        let files = AddDocumentPage.fileFields.compactMap { field in upload.files.first { $0.field == field } }
        if files.isEmpty { errors.add("fichier1", "Choisissez au moins un fichier.") }
        let validation = form.validate()
        if case .failure(let fieldErrors) = validation {
            for entry in fieldErrors.entries { errors.add(entry.field, entry.message) }
        }
        let used = try await Wallet.usedBytes(userID: userID, on: req.db)
        if errors.isEmpty, used >= config.walletQuotaBytes { errors.add("fichier1", quotaMessage(used: used, quota: config.walletQuotaBytes)) }
        guard errors.isEmpty, case .success(let valid) = validation else {
            return req.render(AddDocumentPage(form: form, errors: errors, filesLost: !files.isEmpty), status: .unprocessableEntity)
        }

        let urls = files.map(\.url)
        let result: DocumentAssembler.Result
        do {
            result = try await req.guichet.documentPool.run { try DocumentAssembler.assemble(urls, in: work) }
        } catch let failure as DocumentAssembler.Failure {
            let field = failure.file.map { files[$0 - 1].field } ?? "fichier1"
            errors.add(field, failure.error.message)
            return req.render(AddDocumentPage(form: form, errors: errors, filesLost: true), status: .unprocessableEntity)
        } catch is BoundedPool.Overloaded {
            throw WebError.serviceUnavailable("Le service est très sollicité. Réessayez d'ajouter votre document dans quelques instants.")
        }
        guard used + result.bytes <= config.walletQuotaBytes else {
            errors.add("fichier1", quotaMessage(used: used, quota: config.walletQuotaBytes) + " Ce document fait \(ByteSize.french(result.bytes)).")
            return req.render(AddDocumentPage(form: form, errors: errors, filesLost: true), status: .unprocessableEntity)
        }
        _ = try await Wallet.add(Wallet.NewDocument(title: valid.title, category: valid.category.rawValue, note: valid.note,
                                                    pages: result.pages, size: result.bytes),
                                 data: result.data, userID: userID, blobs: req.guichet.blobs, now: req.now, on: req.db)
        req.guichet.metrics.event("document_added")
        req.session.flash("wallet", "Le document « \(valid.title) » a été ajouté (\(Text.counted(result.pages, "page")), \(ByteSize.french(result.bytes))).")
        return req.redirect(to: .wallet)
    }

    static func quotaMessage(used: Int, quota: Int) -> String {
        "Votre porte-documents est plein : \(ByteSize.french(used)) utilisés sur \(ByteSize.french(quota)). Supprimez des documents dont vous n'avez plus besoin."
    }

    /// The requested document of the signed-in account, or a 404 (never another's).
    private static func document(_ req: Request) async throws -> DocumentRecord {
        let user = try await req.user()
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let document = try await Wallet.find(id, userID: try user.requireID(), on: req.db) else { throw WebError.notFound }
        return document
    }

    @Sendable static func download(req: Request) async throws -> Response {
        let document = try await document(req)
        guard let data = try await req.guichet.blobs.get(document.blobKey, on: req.db) else { throw WebError.notFound }
        return Response.pdfDownload(data, title: document.title)
    }

    @Sendable static func renameForm(req: Request) async throws -> Response {
        let document = try await document(req)
        return req.render(RenameDocumentPage(id: try document.requireID(), currentTitle: document.title, value: document.title))
    }

    @Sendable static func rename(req: Request) async throws -> Response {
        let document = try await document(req)
        let typed = ((try? req.formBody()) ?? FormBody([]))["title"]
        let title = Text.normalized(typed)
        if let problem = DocumentForm.titleProblem(title) {
            var errors = FieldErrors()
            errors.add("title", problem)
            return req.render(RenameDocumentPage(id: try document.requireID(), currentTitle: document.title, value: typed, errors: errors),
                              status: .unprocessableEntity)
        }
        try await Wallet.rename(document, to: title, now: req.now, on: req.db)
        req.session.flash("wallet", "Le document a été renommé « \(title) ».")
        return req.redirect(to: .wallet)
    }

    @Sendable static func deleteForm(req: Request) async throws -> Response {
        let document = try await document(req)
        return req.render(DeleteDocumentPage(id: try document.requireID(), documentTitle: document.title))
    }

    @Sendable static func delete(req: Request) async throws -> Response {
        let document = try await document(req)
        try await Wallet.delete(document, blobs: req.guichet.blobs, on: req.db)
        req.session.flash("wallet", "Le document « \(document.title) » a été supprimé.")
        return req.redirect(to: .wallet)
    }
}
