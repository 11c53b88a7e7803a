import Foundation
import GuichetCore
import GuichetOperations
import GuichetStore
import Vapor

/// Every failure under `/api/v1` becomes an `application/problem+json` document —
/// never an HTML page, a stack trace or an internal message.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return Self.response(for: Self.problem(for: error, request: request), request: request)
        }
    }

    static func problem(for error: any Error, request: Request) -> ProblemError {
        switch error {
        case let problem as ProblemError:
            return problem
        case let failure as OperationError:
            switch failure {
            case .notFound:
                return .notFound
            case .tooManyRequests(let seconds):
                return .rateLimited(retryAfter: seconds)
            case .unavailable(let detail), .notReady(let detail):
                return ProblemError(status: .serviceUnavailable, code: "unavailable", title: "Service momentanément indisponible",
                                    detail: detail, headers: ["Retry-After": "10"])
            case .forbidden(let detail):
                // The inbox's roles; no API route answers it (read-only keys have their own problem).
                return ProblemError(status: .forbidden, code: "forbidden", title: "Action non autorisée", detail: detail, headers: [:])
            }
        case is WorkPoolOverloaded:
            return ProblemError(status: .serviceUnavailable, code: "unavailable", title: "Service momentanément indisponible",
                                detail: OperationError.busyMessage, headers: ["Retry-After": "5"])
        case let failure where StorageFailure.isUnavailable(failure):
            return ProblemError(status: .serviceUnavailable, code: "unavailable", title: "Service momentanément indisponible",
                                detail: "La base de données ne répond pas : rien n'a été enregistré. Réessayez dans quelques instants.",
                                headers: ["Retry-After": "10"])
        case let abort as any AbortError:
            // No route matched: a known path with another method is a 405 with `Allow`.
            if abort.status == .notFound, request.route == nil {
                let allowed = allowedMethods(for: request.url.path, in: request.application.routes)
                if !allowed.isEmpty {
                    var problem = fromStatus(.methodNotAllowed)
                    problem.headers.replaceOrAdd(name: .allow, value: allowed.map(\.rawValue).joined(separator: ", "))
                    return problem
                }
            }
            return fromStatus(abort.status)
        default:
            let incident = SecureToken.code(length: 8)
            request.logger.error("api request failed", metadata: [
                "incident": .string(incident),
                "error_type": .string(String(reflecting: type(of: error))),
            ])
            return ProblemError(status: .internalServerError, code: "internal-error", title: "Erreur interne",
                                detail: "Une erreur inattendue s'est produite. Référence de l'incident : \(incident).")
        }
    }

    /// The methods of the API's routes whose path matches (a parameter matches any segment).
    static func allowedMethods(for path: String, in routes: Routes) -> [HTTPMethod] {
        let segments = path.split(separator: "/").map(String.init)
        var methods: [HTTPMethod] = []
        for route in routes.all where route.path.count == segments.count {
            let matches = zip(route.path, segments).allSatisfy { component, segment in
                switch component {
                case .constant(let constant): constant == segment
                case .parameter: true
                default: false
                }
            }
            if matches, !methods.contains(route.method) { methods.append(route.method) }
        }
        if methods.contains(.GET), !methods.contains(.HEAD) { methods.append(.HEAD) }
        return methods
    }

    /// Vapor's own refusals (an unknown route, a body over the limit…).
    static func fromStatus(_ status: HTTPResponseStatus) -> ProblemError {
        switch status.code {
        case 404: .notFound
        case 405: ProblemError(status: .methodNotAllowed, code: "method-not-allowed", title: "Méthode non autorisée",
                               detail: "Cette méthode n'existe pas pour cette adresse : voir /api/v1/openapi.json.")
        case 413: ProblemError(status: .payloadTooLarge, code: "payload-too-large", title: "Corps trop volumineux",
                               detail: "Le corps d'une requête est limité à 64 Ko.")
        case 415: .unsupportedMediaType
        case 400..<500: ProblemError(status: status, code: "bad-request", title: "Requête incorrecte",
                                     detail: "La requête ne peut pas être lue : voir /api/v1/openapi.json.")
        default: ProblemError(status: .serviceUnavailable, code: "unavailable", title: "Service momentanément indisponible",
                              detail: "Réessayez dans quelques instants.", headers: ["Retry-After": "10"])
        }
    }

    static func response(for problem: ProblemError, request: Request) -> Response {
        let base = request.portal.config.baseURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let document = Problem(type: "\(base)/api#\(problem.code)", title: problem.title, status: problem.status.code,
                               code: problem.code, detail: problem.detail, errors: problem.errors)
        let response = Response(status: problem.status, body: .init(data: JSONBody.encode(document)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/problem+json")
        for (name, value) in problem.headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}
