import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// A step as posted: text fields, and for a step with attachments (a multipart form,
/// streamed to disk) the files chosen.
struct StepSubmission {
    var fields: FormBody
    var files: [String: MultipartUpload.File]

    /// The files as the upload pipeline takes them.
    var uploads: [String: DocumentIntake.Upload] { files.mapValues { DocumentIntake.Upload(field: $0.field, url: $0.url) } }

    enum Failure: Error {
        case unreadable
        case tooLarge(field: String?)
    }

    /// Reads the body. `work` is a private folder the caller removes afterwards.
    static func read(_ req: Request, attachmentFields: Int, into work: URL) async throws -> Result<StepSubmission, Failure> {
        if req.headers.contentType?.type == "multipart" {
            do {
                let limit = max(attachmentFields, 1) * DocumentLimits.maximumFileBytes + 1_000_000
                let upload = try await MultipartUpload.receive(req, into: work, maximumFileBytes: DocumentLimits.maximumFileBytes,
                                                               maximumTotalBytes: limit)
                var files: [String: MultipartUpload.File] = [:]
                for file in upload.files where files[file.field] == nil { files[file.field] = file }
                return .success(StepSubmission(fields: upload.form, files: files))
            } catch {
                switch error {
                case .fileTooLarge(let field): return .failure(.tooLarge(field: field))
                case .requestTooLarge: return .failure(.tooLarge(field: nil))
                case .notMultipart, .unreadable: return .failure(.unreadable)
                case .storageFull: throw WebError.serviceUnavailable(WebStorage.fullMessage)
                }
            }
        }
        if req.body.data == nil {
            // A stream route: collect the (small) form body first.
            let limit = req.application.routes.defaultMaxBodySize.value
            do { _ = try await req.body.collect(max: limit).get() } catch { return .failure(.tooLarge(field: nil)) }
        }
        guard let body = try? req.formBody() else { return .failure(.unreadable) }
        return .success(StepSubmission(fields: body, files: [:]))
    }
}
