import GuichetCore
import Vapor

extension Request {
    /// The client's address, for rate limits and the security log: behind
    /// `TRUST_PROXY_HOPS` proxies the entry they vouch for in `X-Forwarded-For` (every
    /// line of the header, in order), otherwise the socket's peer.
    public var clientAddress: String {
        ClientAddress.resolve(peer: peerAddress?.ipAddress ?? remoteAddress?.ipAddress,
                              forwardedFor: headers[.xForwardedFor], trustedHops: guichet.config.trustedProxyHops)
    }
}
