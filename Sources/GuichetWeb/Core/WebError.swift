import GuichetOperations
import Vapor

/// Failures that become a French error page. The single place that maps them to an
/// HTTP status and the words the user reads.
public enum WebError: AbortError, Equatable {
    case csrfRejected
    case unreadableForm
    case tooManyRequests(retryAfterSeconds: Int)
    case notFound
    case serviceUnavailable(String)
    /// Exists but cannot be used yet (a document waiting for its virus scan).
    case notReady(String)
    /// Allowed to see, not to do (an inbox reader's move).
    case forbidden(String)
    /// Not an error: the request belongs on another page (for example a dossier step
    /// asked for when no dossier is in progress). Answered with 303 See Other.
    case seeOther(String)

    public var status: HTTPResponseStatus {
        switch self {
        case .csrfRejected: .forbidden
        case .unreadableForm: .unprocessableEntity
        case .tooManyRequests: .tooManyRequests
        case .notFound: .notFound
        case .serviceUnavailable: .serviceUnavailable
        case .notReady: .conflict
        case .forbidden: .forbidden
        case .seeOther: .seeOther
        }
    }

    public var reason: String {
        switch self {
        case .csrfRejected:
            "Votre demande n'a pas pu être vérifiée : la page a peut-être été ouverte il y a longtemps ou depuis un autre site. Revenez à la page précédente, rechargez-la, puis recommencez."
        case .unreadableForm:
            "Le formulaire envoyé n'a pas pu être lu. Revenez à la page précédente et renvoyez-le."
        case .tooManyRequests:
            "Vous avez fait trop de demandes en peu de temps. Patientez quelques minutes avant de recommencer."
        case .notFound:
            "La page demandée n'existe pas ou n'existe plus."
        case .serviceUnavailable(let detail), .notReady(let detail), .forbidden(let detail):
            detail
        case .seeOther:
            ""
        }
    }

    public var headers: HTTPHeaders {
        if case .tooManyRequests(let seconds) = self { return ["Retry-After": String(seconds)] }
        return [:]
    }
}

extension WebError {
    /// How the site answers an operation's failure.
    init(_ failure: OperationError) {
        switch failure {
        case .tooManyRequests(let seconds): self = .tooManyRequests(retryAfterSeconds: seconds)
        case .notFound: self = .notFound
        case .unavailable(let message): self = .serviceUnavailable(message)
        case .notReady(let message): self = .notReady(message)
        case .forbidden(let message): self = .forbidden(message)
        }
    }
}
