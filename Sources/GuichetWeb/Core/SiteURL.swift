import Foundation
import Vapor

/// Every URL of the portal. Routes register from these cases and views link with
/// them, so a path is written in exactly one place.
public enum SiteURL: Sendable, Equatable {
    /// A path parameter: `.key` when registering a route, `.value` when linking.
    public enum Parameter: Sendable, Equatable {
        case key
        case value(String)

        fileprivate func component(_ name: String) -> String {
            switch self {
            case .key: ":\(name)"
            case .value(let value): value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? value
            }
        }
    }

    case home
    case help
    case helpTopic(Parameter)
    case contact
    case contactSent
    case accessibility
    case legalNotice
    case privacy
    case captchaImage(Parameter)
    case captchaAudio(Parameter)
    case asset(Parameter)
    case healthz
    case metrics
    case devOutbox
    case devOutboxMessage(Parameter)

    /// The path, percent-encoded, for links.
    public var path: String { "/" + segments.joined(separator: "/") }

    /// The path components, for route registration.
    public var pathComponents: [PathComponent] { segments.map(PathComponent.init(stringLiteral:)) }

    private var segments: [String] {
        switch self {
        case .home: []
        case .help: ["aide"]
        case .helpTopic(let topic): ["aide", topic.component("topic")]
        case .contact: ["aide", "poser-une-question"]
        case .contactSent: ["aide", "poser-une-question", "message-envoye"]
        case .accessibility: ["accessibilite"]
        case .legalNotice: ["mentions-legales"]
        case .privacy: ["donnees-personnelles"]
        case .captchaImage(let id): ["code-de-securite", id.component("id"), "image"]
        case .captchaAudio(let id): ["code-de-securite", id.component("id"), "audio"]
        case .asset(let file): ["static", file.component("file")]
        case .healthz: ["healthz"]
        case .metrics: ["metrics"]
        case .devOutbox: ["dev", "outbox"]
        case .devOutboxMessage(let id): ["dev", "outbox", id.component("id")]
        }
    }

    /// An absolute URL for emails.
    public func absolute(base: URL) -> String {
        base.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + path
    }
}
