import Foundation
import GuichetCore
import MultipartKit
import Vapor

/// A `multipart/form-data` body received as a stream: each file goes straight to a file
/// in a private folder, with size limits enforced while reading, so an upload is never
/// held in memory and a too-large one is cut off early.
struct MultipartUpload {
    struct File {
        let field: String
        let url: URL
        let size: Int
    }

    enum Failure: Error, Equatable {
        case notMultipart
        case unreadable
        case fileTooLarge(field: String)
        case requestTooLarge
        /// The server could not write the upload (its disk is full).
        case storageFull
    }

    /// The text fields, in order (a repeated name is kept: checkbox groups).
    var pairs: [(String, String)] = []
    var files: [File] = []

    var form: FormBody { FormBody(pairs) }

    static let maximumFieldBytes = 16 * 1024
    /// Parts of one form (fields and files): each file part opens a temporary file, so
    /// a form of thousands of empty parts is refused early.
    static let maximumParts = 64

    /// Reads the body into `directory`, which the caller removes afterwards whatever happens.
    static func receive(_ request: Request, into directory: URL, maximumFileBytes: Int, maximumTotalBytes: Int) async throws(Failure) -> MultipartUpload {
        guard let type = request.headers.contentType, type.type == "multipart", type.subType == "form-data",
              let boundary = type.parameters["boundary"], !boundary.isEmpty else { throw .notMultipart }
        if request.headers.first(name: .contentLength) == "0" { return MultipartUpload() }
        let state = State(directory: directory, maximumFileBytes: maximumFileBytes)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.complete() }
        var total = 0
        do {
            for try await chunk in request.body {
                total += chunk.readableBytes
                if total > maximumTotalBytes { throw Failure.requestTooLarge }
                try parser.execute(chunk)
                if let failure = state.failure { throw failure }
            }
        } catch let failure as Failure {
            state.closeFile()
            throw failure
        } catch {
            state.closeFile()
            throw .unreadable
        }
        state.closeFile()
        guard state.finished else { throw .unreadable }
        return state.upload
    }

    /// The parser's callbacks share this state (one request, one task). A file part with
    /// an empty name is an unused file field.
    private final class State {
        let directory: URL
        let maximumFileBytes: Int
        var upload = MultipartUpload()
        var failure: Failure?
        var finished = false
        var name: String?
        var filename: String?
        var handle: FileHandle?
        var url: URL?
        var size = 0
        var text = Data()
        var parts = 0

        init(directory: URL, maximumFileBytes: Int) {
            self.directory = directory
            self.maximumFileBytes = maximumFileBytes
        }

        func header(_ header: String, _ value: String) {
            guard header.lowercased() == "content-disposition" else { return }
            name = Self.parameter("name", in: value)
            filename = Self.parameter("filename", in: value)
        }

        func body(_ buffer: inout ByteBuffer) {
            guard failure == nil, parts < MultipartUpload.maximumParts else { return }
            if filename != nil {
                if handle == nil {
                    let file = directory.appendingPathComponent("envoi-\(upload.files.count + 1)-\(UUID().uuidString)")
                    _ = FileManager.default.createFile(atPath: file.path, contents: nil)
                    handle = try? FileHandle(forWritingTo: file)
                    url = file
                    if handle == nil { failure = .unreadable; return }
                }
                size += buffer.readableBytes
                if size > maximumFileBytes { failure = .fileTooLarge(field: name ?? ""); return }
                do { try handle?.write(contentsOf: buffer.readableBytesView) } catch { failure = .storageFull }
            } else {
                if text.count + buffer.readableBytes > MultipartUpload.maximumFieldBytes { failure = .requestTooLarge; return }
                text.append(contentsOf: buffer.readableBytesView)
            }
        }

        func complete() {
            closeFile()
            parts += 1
            if parts > MultipartUpload.maximumParts { failure = .requestTooLarge }
            if let name {
                if let filename, !filename.isEmpty {
                    // A chosen file, even empty (which the assembler refuses with a message).
                    let file = url ?? directory.appendingPathComponent("envoi-\(upload.files.count + 1)-\(UUID().uuidString)")
                    if url == nil { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
                    upload.files.append(File(field: name, url: file, size: size))
                } else if filename == nil {
                    guard let value = String(data: text, encoding: .utf8), !value.contains("\0") else { failure = .unreadable; return }
                    upload.pairs.append((name, value))
                }
            }
            (name, filename, url, size, text) = (nil, nil, nil, 0, Data())
            finished = true
        }

        func closeFile() {
            try? handle?.close()
            handle = nil
        }

        static func parameter(_ key: String, in value: String) -> String? {
            for part in value.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].lowercased() == key {
                    return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                }
            }
            return nil
        }
    }
}
