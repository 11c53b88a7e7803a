import Foundation

/// How to reach the SMTP relay, parsed from `SMTP_URL`:
/// - `smtp://user:password@host:587`: STARTTLS, required (the default port is 587);
/// - `smtps://user:password@host:465`: TLS from the first byte;
/// - `smtp+insecure://host:25`: no encryption, for a relay on the same host only
///   (credentials are refused in this form so they never cross the network in clear).
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: Sendable, Equatable { case startTLS, implicitTLS, none }

    public struct URLError: Error, CustomStringConvertible {
        public let description: String
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// An extra certificate authority to trust (PEM), for a relay with a private CA.
    public var caFile: String?
    public var timeout: TimeInterval = 30

    public init(host: String, port: Int, security: Security, username: String? = nil,
                password: String? = nil, caFile: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.caFile = caFile
    }

    public init(url: String, caFile: String? = nil) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw URLError(description: "expected smtp://user:password@host:port")
        }
        switch scheme {
        case "smtp": security = .startTLS; port = components.port ?? 587
        case "smtps": security = .implicitTLS; port = components.port ?? 465
        case "smtp+insecure": security = .none; port = components.port ?? 25
        default: throw URLError(description: "the scheme must be smtp, smtps or smtp+insecure")
        }
        self.host = host
        username = components.percentEncodedUser?.removingPercentEncoding
        password = components.percentEncodedPassword?.removingPercentEncoding
        if security == .none, username != nil {
            throw URLError(description: "credentials need encryption: use smtp:// (STARTTLS) or smtps://")
        }
        self.caFile = caFile
    }
}
