import Foundation
import GuichetCore
import GuichetOperations
import GuichetStore
import Vapor

/// Turns every error into a French page with an incident reference, and never shows a
/// stack trace or internal message. (The partner API has its own: problem documents.)
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch WebError.seeOther(let path) {
            return request.redirect(to: path, redirectType: .normal)
        } catch {
            return Self.response(for: error, request: request)
        }
    }

    static func response(for error: any Error, request: Request) -> Response {
        let status: HTTPResponseStatus
        var detail: String? = nil
        var headers = HTTPHeaders()
        switch error {
        case let web as WebError:
            status = web.status
            detail = web.reason
            headers = web.headers
        case let failure as OperationError:
            let web = WebError(failure)
            status = web.status
            detail = web.reason
            headers = web.headers
        case is WorkPoolOverloaded:
            // The password-hashing or document pool is full: a moment's wait, not a fault.
            status = .serviceUnavailable
            detail = OperationError.busyMessage
            headers = ["Retry-After": "5"]
        case let failure where StorageFailure.isUnavailable(failure):
            // The database or the disk cannot serve now: the pool reconnects by itself,
            // and nothing was written half-way (transactions).
            status = .serviceUnavailable
            detail = "Le service est momentanément indisponible. Réessayez dans quelques instants : ce que vous avez saisi n'a pas été enregistré."
            headers = ["Retry-After": "10"]
        case is FormBody.Failure:
            status = .unprocessableEntity
            detail = WebError.unreadableForm.reason
        case let abort as any AbortError:
            status = abort.status
        default:
            status = .internalServerError
        }
        let incident = SecureToken.code(length: 8)
        if status.code >= 500 {
            request.logger.error("request failed", metadata: [
                "incident": .string(incident),
                "error_type": .string(String(reflecting: type(of: error))),
                "error": .string(String(describing: error).prefix(500).description),
            ])
        } else {
            request.logger.debug("request refused", metadata: ["incident": .string(incident), "status": .stringConvertible(status.code)])
        }
        let page = ErrorPage(status: status, detail: detail, incident: incident)
        let response = request.render(page, status: status)
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}
