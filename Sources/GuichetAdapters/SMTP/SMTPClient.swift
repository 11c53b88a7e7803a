import Foundation
import GuichetCore
import NIOCore
import NIOPosix
import NIOSSL

/// A minimal SMTP submission client on SwiftNIO: EHLO, STARTTLS (or implicit TLS),
/// AUTH PLAIN/LOGIN, one message per connection. Replies 4xx and network problems
/// are transient failures (the outbox retries); replies 5xx are permanent.
struct SMTPClient: Sendable {
    let settings: SMTPSettings
    let eventLoopGroup: any EventLoopGroup
    var heloName: String = "guichet.localhost"
    /// Built once: loading the trust store is far too slow to repeat per message.
    private let tlsContext: Result<NIOSSLContext, any Error>?

    init(settings: SMTPSettings, eventLoopGroup: any EventLoopGroup) {
        self.settings = settings
        self.eventLoopGroup = eventLoopGroup
        tlsContext = settings.security == .none ? nil : Result { try Self.makeTLSContext(caFile: settings.caFile) }
    }

    func send(from sender: String, to recipient: String, data: String) async throws {
        let channel: NIOAsyncChannel<SMTPReply, ByteBuffer>
        let tlsContext: NIOSSLContext?
        do {
            tlsContext = try self.tlsContext?.get()
            let host = settings.host
            let implicitTLS = settings.security == .implicitTLS
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(.seconds(10))
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicitTLS, let tlsContext {
                            try channel.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: tlsContext, serverHostname: Self.sniName(host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw DeliveryFailure.transient("cannot connect to \(settings.host):\(settings.port): \(error)")
        }

        let timeout = settings.timeout
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await channel.executeThenClose { inbound, outbound in
                        var session = Session(inbound: inbound.makeAsyncIterator(), outbound: outbound)
                        try await run(&session, channel: channel.channel, tlsContext: tlsContext,
                                      sender: sender, recipient: recipient, data: data)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(timeout))
                    channel.channel.close(promise: nil)
                    throw DeliveryFailure.transient("the SMTP server did not answer within \(Int(timeout)) s")
                }
                try await group.next()
                group.cancelAll()
            }
        } catch let failure as DeliveryFailure {
            throw failure
        } catch {
            throw DeliveryFailure.transient("SMTP session failed: \(error)")
        }
    }

    private struct Session {
        var inbound: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

        /// Reads the next reply. A 5xx is a permanent failure only where it is about the
        /// message itself (`messageSpecific`: the recipient or the content); a 5xx to the
        /// greeting, TLS or authentication is a configuration problem that the operator
        /// will fix, so the message waits for it.
        mutating func expect(_ accepted: Set<Int>, after step: String, messageSpecific: Bool = false) async throws -> SMTPReply {
            guard let reply = try await inbound.next() else {
                throw DeliveryFailure.transient("connection closed during \(step)")
            }
            guard accepted.contains(reply.code) else {
                let text = "\(step): \(reply.code) \(reply.lines.joined(separator: " ").prefix(200))"
                throw reply.code >= 500 && messageSpecific ? DeliveryFailure.permanent(text) : DeliveryFailure.transient(text)
            }
            return reply
        }

        mutating func command(_ line: String, expect accepted: Set<Int>, step: String? = nil,
                              messageSpecific: Bool = false) async throws -> SMTPReply {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
            return try await expect(accepted, after: step ?? String(line.prefix(10)), messageSpecific: messageSpecific)
        }
    }

    private func run(_ session: inout Session, channel: any Channel, tlsContext: NIOSSLContext?,
                     sender: String, recipient: String, data: String) async throws {
        _ = try await session.expect([220], after: "greeting")
        var hello = try await session.command("EHLO \(heloName)", expect: [250])
        if settings.security == .startTLS {
            guard hello.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }), let tlsContext else {
                throw DeliveryFailure.transient("the server does not offer STARTTLS; refusing to send in clear")
            }
            _ = try await session.command("STARTTLS", expect: [220])
            let host = settings.host
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    try NIOSSLClientHandler(context: tlsContext, serverHostname: Self.sniName(host)), position: .first)
            }.get()
            hello = try await session.command("EHLO \(heloName)", expect: [250])
        }
        if let username = settings.username {
            let password = settings.password ?? ""
            let mechanisms = hello.lines.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
            if mechanisms.contains("PLAIN") {
                let credentials = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
                _ = try await session.command("AUTH PLAIN \(credentials)", expect: [235], step: "AUTH PLAIN")
            } else if mechanisms.contains("LOGIN") {
                _ = try await session.command("AUTH LOGIN", expect: [334])
                _ = try await session.command(Data(username.utf8).base64EncodedString(), expect: [334], step: "AUTH LOGIN user")
                _ = try await session.command(Data(password.utf8).base64EncodedString(), expect: [235], step: "AUTH LOGIN password")
            } else {
                throw DeliveryFailure.transient("the server offers no supported AUTH mechanism")
            }
        }
        let needsUTF8 = !(sender + recipient).allSatisfy(\.isASCII)
        let utf8Parameter = needsUTF8 && hello.lines.contains { $0.uppercased() == "SMTPUTF8" } ? " SMTPUTF8" : ""
        _ = try await session.command("MAIL FROM:<\(sender)>\(utf8Parameter)", expect: [250])
        _ = try await session.command("RCPT TO:<\(recipient)>", expect: [250, 251], messageSpecific: true)
        _ = try await session.command("DATA", expect: [354])
        try await session.outbound.write(ByteBuffer(string: Self.dotStuffed(data) + ".\r\n"))
        _ = try await session.expect([250], after: "end of data", messageSpecific: true)
        _ = try? await session.command("QUIT", expect: [221])
    }

    /// The name sent in TLS SNI and checked against the certificate; an IP address
    /// cannot be sent as SNI (the certificate is then checked without a name).
    static func sniName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// A line that starts with a dot gets a second one (RFC 5321 §4.5.2); the data
    /// always ends with CRLF before the terminating dot.
    static func dotStuffed(_ data: String) -> String {
        var lines = data.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
    }

    private static func makeTLSContext(caFile: String?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile {
            configuration.additionalTrustRoots = [.file(caFile)]
        }
        return try NIOSSLContext(configuration: configuration)
    }
}

/// Production mail delivery through an SMTP relay.
public struct SMTPMailTransport: MailTransport {
    let client: SMTPClient

    public init(settings: SMTPSettings, eventLoopGroup: any EventLoopGroup) {
        client = SMTPClient(settings: settings, eventLoopGroup: eventLoopGroup)
    }

    public func send(_ message: EmailMessage) async throws {
        try await client.send(from: message.from.address, to: message.to.address, data: MIMEWriter.render(message))
    }
}
