import Foundation
import GuichetCore
import GuichetOperations
import Vapor

/// `Idempotency-Key` on POSTs: the first answer (success or refusal) is kept and
/// replayed for the same method, path and body; the same key with another request is
/// refused. Without the header the write is still safe to repeat (a repeated
/// acknowledgement changes nothing), only not replayed byte for byte.
enum IdempotentWrite {
    static func run(_ request: Request, caller: PartnerCaller, body: Data,
                    _ write: () async throws -> Response) async throws -> Response {
        guard let key = request.headers.first(name: "Idempotency-Key") else { return try await write() }
        guard Idempotency.isValid(key) else {
            throw ProblemError.invalid([.init(field: "Idempotency-Key", code: "invalid", message: "De 1 à 255 caractères ASCII visibles.")])
        }
        let context = request.operations
        // The path in one case: a reference is read in any case, so is the same request.
        switch try await Idempotency.claim(caller, key: key, method: request.method.rawValue, path: request.url.path.uppercased(), body: body,
                                           in: context) {
        case .replay(let status, let stored):
            let response = Response(status: HTTPResponseStatus(statusCode: status), body: .init(string: stored))
            response.headers.replaceOrAdd(name: .contentType, value: status < 400 ? "application/json; charset=utf-8" : "application/problem+json")
            response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
            return response
        case .mismatch:
            throw ProblemError.idempotencyMismatch
        case .inProgress:
            throw ProblemError.idempotencyInProgress
        case .claimed(let id):
            let response: Response
            do {
                response = try await write()
            } catch {
                let problem = ProblemMiddleware.problem(for: error, request: request)
                guard problem.status.code < 500 else {
                    // Not answered (the database went away…): the key may be used again.
                    try? await Idempotency.release(id, in: context)
                    throw error
                }
                // A refusal is an answer too: the same request gets it again.
                response = ProblemMiddleware.response(for: problem, request: request)
            }
            let stored = response.body.data.map { String(decoding: $0, as: UTF8.self) } ?? ""
            try await Idempotency.complete(id, status: Int(response.status.code), body: stored, in: context)
            return response
        }
    }
}
