import Foundation
import GuichetCore
import Vapor

/// An RFC 9457 problem document: every error of the API, with a stable `code` that
/// clients can branch on and, for invalid input, `errors[]` naming each field.
struct Problem: Encodable, Sendable {
    struct FieldError: Encodable, Sendable, Equatable {
        /// The body field or query parameter.
        let field: String
        /// `required`, `invalid`, `too-long`, `unknown-field`, `type`.
        let code: String
        let message: String
    }

    let type: String
    let title: String
    let status: UInt
    let code: String
    let detail: String
    @Nullable var errors: [FieldError]?
}

/// An answer the API refuses with; `ProblemMiddleware` writes it.
struct ProblemError: Error, Sendable {
    let status: HTTPResponseStatus
    let code: String
    let title: String
    let detail: String
    var errors: [Problem.FieldError]? = nil
    var headers: HTTPHeaders = [:]

    static func malformedJSON(_ detail: String) -> ProblemError {
        ProblemError(status: .badRequest, code: "malformed-json", title: "Corps JSON illisible", detail: detail)
    }

    static let invalidCursor = ProblemError(status: .badRequest, code: "invalid-cursor", title: "Curseur invalide",
                                            detail: "Ce curseur est mal formé : repassez tel quel le « next_cursor » d'une page, ou reprenez depuis le début.")

    static func unauthorized(presented: Bool) -> ProblemError {
        ProblemError(status: .unauthorized, code: "unauthorized", title: "Clé d'API requise",
                     detail: presented ? "Cette clé d'API est inconnue, révoquée ou expirée."
                         : "Envoyez votre clé d'API dans l'en-tête « Authorization: Bearer <clé> ».",
                     headers: ["WWW-Authenticate": presented ? #"Bearer realm="guichet", error="invalid_token""# : #"Bearer realm="guichet""#])
    }

    static let readOnly = ProblemError(status: .forbidden, code: "read-only-key", title: "Clé en lecture seule",
                                       detail: "Cette clé d'API ne permet que la lecture : demandez une clé d'écriture à l'exploitant.")

    static let notFound = ProblemError(status: .notFound, code: "not-found", title: "Introuvable",
                                       detail: "Aucune ressource de votre organisme ne correspond à cette adresse.")

    static func transitionRefused(from: TransmissionState, to: TransmissionState) -> ProblemError {
        ProblemError(status: .conflict, code: "transition-refused", title: "Changement d'état impossible",
                     detail: "Le dossier est « \(from.label) » : il ne peut pas passer à « \(to.label) ». Un dossier ne revient jamais en arrière, et il doit être pris en compte avant d'être traité.")
    }

    static let idempotencyInProgress = ProblemError(status: .conflict, code: "idempotency-key-in-use", title: "Requête en cours",
                                                    detail: "Une requête avec la même clé d'idempotence est en cours : réessayez dans un instant.")

    static let idempotencyMismatch = ProblemError(status: .unprocessableEntity, code: "idempotency-key-reused", title: "Clé d'idempotence déjà utilisée",
                                                  detail: "Cette clé d'idempotence a servi pour une autre requête : utilisez une nouvelle clé pour chaque requête différente.")

    static func invalid(_ errors: [Problem.FieldError]) -> ProblemError {
        ProblemError(status: .unprocessableEntity, code: "validation-failed", title: "Données invalides",
                     detail: "Certaines valeurs ne sont pas acceptées : voir « errors ».", errors: errors)
    }

    static let unsupportedMediaType = ProblemError(status: .unsupportedMediaType, code: "unsupported-media-type", title: "Type de contenu non pris en charge",
                                                   detail: "Envoyez le corps en JSON avec l'en-tête « Content-Type: application/json ».")

    static func rateLimited(retryAfter: Int) -> ProblemError {
        ProblemError(status: .tooManyRequests, code: "rate-limited", title: "Trop de requêtes",
                     detail: "La limite de requêtes de cette clé est atteinte : réessayez dans \(retryAfter) secondes.",
                     headers: ["Retry-After": String(retryAfter)])
    }
}
