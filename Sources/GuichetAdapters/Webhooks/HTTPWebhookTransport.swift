import AsyncHTTPClient
import Foundation
import GuichetCore
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// POSTs webhook deliveries. In production (`allowInternalAddresses` false) the host is
/// resolved first and every address it has must be public; the connection then goes to
/// the address that was checked (DNS override, the certificate still checked against the
/// host name), so a second lookup cannot swap in an internal one (DNS rebinding).
/// Redirects are not followed: a 3xx counts as a refusal. Each delivery has its own
/// client (the pinned address is part of its configuration).
public struct HTTPWebhookTransport: WebhookTransport {
    let eventLoopGroup: any EventLoopGroup
    let allowInternalAddresses: Bool

    public init(eventLoopGroup: any EventLoopGroup, allowInternalAddresses: Bool) {
        self.eventLoopGroup = eventLoopGroup
        self.allowInternalAddresses = allowInternalAddresses
    }

    public func post(_ request: WebhookRequest) async throws -> Int {
        guard let host = request.url.host, !host.isEmpty else { throw WebhookTransportError.unreachable("no host") }
        let bareHost = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let addresses = try await Self.resolve(bareHost)
        guard let first = addresses.first else { throw WebhookTransportError.unreachable("\(host) does not resolve") }
        if !allowInternalAddresses, addresses.contains(where: { !$0.isPublic }) { throw WebhookTransportError.refusedAddress(host) }

        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(5), read: .seconds(10)))
        if IPAddress(bareHost) == nil { configuration.dnsOverride = [host: first.description] }
        let client = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: configuration)
        do {
            var outgoing = HTTPClientRequest(url: request.url.absoluteString)
            outgoing.method = .POST
            for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
            outgoing.body = .bytes(ByteBuffer(bytes: Array(request.body)))
            // The deadline covers the answer's head; its body is never read (a receiver
            // trickling one must not hold the worker): the client is shut down instead.
            let response = try await client.execute(outgoing, timeout: .seconds(15))
            try? await client.shutdown()
            return Int(response.status.code)
        } catch let error as WebhookTransportError {
            try? await client.shutdown()
            throw error
        } catch {
            try? await client.shutdown()
            throw WebhookTransportError.unreachable("\(type(of: error))")
        }
    }

    /// Every address of a host (the system resolver, on a thread of its own).
    static func resolve(_ host: String) async throws -> [IPAddress] {
        if let literal = IPAddress(host) { return [literal] }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var hints = addrinfo()
                hints.ai_family = AF_UNSPEC
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
                var result: UnsafeMutablePointer<addrinfo>?
                guard getaddrinfo(host, nil, &hints, &result) == 0 else {
                    continuation.resume(returning: [])
                    return
                }
                defer { freeaddrinfo(result) }
                var addresses: [IPAddress] = []
                var cursor = result
                while let entry = cursor {
                    if let address = entry.pointee.ai_addr {
                        switch Int32(address.pointee.sa_family) {
                        case AF_INET:
                            address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                                let value = v4.pointee.sin_addr.s_addr
                                if let ip = IPAddress(bytes: withUnsafeBytes(of: value) { Array($0) }) { addresses.append(ip) }
                            }
                        case AF_INET6:
                            address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                                if let ip = IPAddress(bytes: withUnsafeBytes(of: v6.pointee.sin6_addr) { Array($0) }) { addresses.append(ip) }
                            }
                        default:
                            break
                        }
                    }
                    cursor = entry.pointee.ai_next
                }
                continuation.resume(returning: addresses)
            }
        }
    }
}
