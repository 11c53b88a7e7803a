import Vapor

extension Request {
    /// The client's address, for rate limits and the security log. Behind a proxy
    /// (`TRUST_PROXY=true`) it is the last address the proxy appended to
    /// `X-Forwarded-For`; otherwise the socket's peer.
    public var clientAddress: String {
        if guichet.config.trustProxyHeaders,
           let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last {
            let address = forwarded.trimmingCharacters(in: .whitespaces)
            if !address.isEmpty, address.count <= 64 { return address }
        }
        return peerAddress?.ipAddress ?? remoteAddress?.ipAddress ?? "unknown"
    }
}
