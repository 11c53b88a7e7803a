import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// *Mes documents > Mon porte-documents*: list, add (upload, convert, merge), download,
/// rename, delete.
enum WalletController {
    @Sendable static func list(req: Request) async throws -> Response {
        let account = try await req.user()
        let documents = try await WalletDocuments.list(account, in: req.operations)
        let rows = documents.map { WalletPage.Row(id: $0.id, title: $0.title, category: $0.category, pages: $0.pages, size: $0.size,
                                                  date: $0.date, pending: $0.pending) }
        let notice = req.session.takeFlash(.wallet).map { PageNotice(kind: .success, text: $0) }
        return req.render(WalletPage(rows: rows, usedBytes: documents.reduce(0) { $0 + $1.size },
                                     quotaBytes: req.guichet.config.walletQuotaBytes, notice: notice))
    }

    @Sendable static func addForm(req: Request) async throws -> Response {
        _ = try await req.user()
        return req.render(AddDocumentPage())
    }

    @Sendable static func add(req: Request) async throws -> Response {
        let account = try await req.user()
        let work = try WorkFolder.make(req)
        defer { WorkFolder.remove(work) }
        let firstField = AddDocumentPage.fileFields[0]
        var errors = FieldErrors()
        let upload: MultipartUpload
        do {
            upload = try await MultipartUpload.receive(req, into: work, maximumFileBytes: DocumentLimits.maximumFileBytes,
                                                       maximumTotalBytes: DocumentLimits.maximumFiles * DocumentLimits.maximumFileBytes + 1_000_000)
        } catch {
            switch error {
            case .fileTooLarge(let field):
                errors.add(AddDocumentPage.fileFields.contains(field) ? field : firstField, DocumentLimits.fileTooLargeMessage())
            case .requestTooLarge:
                errors.add(firstField, DocumentLimits.requestTooLargeMessage)
            case .notMultipart, .unreadable:
                errors.add(firstField, WebError.unreadableForm.reason)
            case .storageFull:
                errors.add(firstField, WebStorage.fullMessage)
                return req.render(AddDocumentPage(errors: errors, filesLost: true), status: .serviceUnavailable)
            }
            return req.render(AddDocumentPage(errors: errors, filesLost: true), status: .unprocessableEntity)
        }
        let fields = upload.form
        let form = DocumentForm(title: fields["title"], category: fields["category"], note: fields["note"])
        let files = AddDocumentPage.fileFields.compactMap { field in upload.files.first { $0.field == field } }
            .map { DocumentIntake.Upload(field: $0.field, url: $0.url) }
        switch try await WalletDocuments.add(account, form: form, files: files, firstField: firstField, work: work, in: req.operations) {
        case .refused(let errors, let filesLost):
            return req.render(AddDocumentPage(form: form, errors: errors, filesLost: filesLost), status: .unprocessableEntity)
        case .added(let title, let pages, let bytes, let pending):
            req.session.flash(.wallet, "Le document « \(title) » a été ajouté (\(Text.counted(pages, "page")), \(ByteSize.french(bytes)))."
                              + (pending ? " Il sera disponible dès la fin de son analyse antivirus." : ""))
            return req.redirect(to: .wallet)
        }
    }

    /// The `:id` of the route.
    private static func documentID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw WebError.notFound }
        return id
    }

    /// The requested document of the signed-in account, or a 404 (never another's).
    private static func document(_ req: Request) async throws -> (Account, WalletDocuments.Summary) {
        let account = try await req.user()
        guard let document = try await WalletDocuments.find(try documentID(req), of: account, in: req.operations) else { throw WebError.notFound }
        return (account, document)
    }

    @Sendable static func download(req: Request) async throws -> Response {
        let account = try await req.user()
        let content = try await WalletDocuments.content(try documentID(req), of: account, in: req.operations)
        return Response.pdfDownload(content.data, title: content.title)
    }

    @Sendable static func renameForm(req: Request) async throws -> Response {
        let (_, document) = try await document(req)
        return req.render(RenameDocumentPage(id: document.id, currentTitle: document.title, value: document.title))
    }

    @Sendable static func rename(req: Request) async throws -> Response {
        let (account, document) = try await document(req)
        let typed = ((try? req.formBody()) ?? FormBody([]))["title"]
        switch try await WalletDocuments.rename(document.id, of: account, to: typed, in: req.operations) {
        case .failure(let errors):
            return req.render(RenameDocumentPage(id: document.id, currentTitle: document.title, value: typed, errors: errors),
                              status: .unprocessableEntity)
        case .success(let title):
            req.session.flash(.wallet, "Le document a été renommé « \(title) ».")
            return req.redirect(to: .wallet)
        }
    }

    @Sendable static func deleteForm(req: Request) async throws -> Response {
        let (_, document) = try await document(req)
        return req.render(DeleteDocumentPage(id: document.id, documentTitle: document.title))
    }

    @Sendable static func delete(req: Request) async throws -> Response {
        let account = try await req.user()
        let title = try await WalletDocuments.delete(try documentID(req), of: account, in: req.operations)
        req.session.flash(.wallet, "Le document « \(title) » a été supprimé.")
        return req.redirect(to: .wallet)
    }
}
