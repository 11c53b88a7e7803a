import Foundation
import GuichetCore
import GuichetTestSupport
@testable import GuichetWeb
import Synchronization
import Testing
import Vapor

/// `SMS_GATEWAY_URL` against a real HTTP server on 127.0.0.1.
@Suite struct SMSGatewayTests {
    @Test func gatewayReceivesTheMessageAndItsAnswerDecidesTheOutcome() async throws {
        let gateway = try await Application.make(.testing)
        gateway.logger.logLevel = .warning
        let received = Mutex<[HTTPSMSTransport.Body]>([])
        gateway.post("sms") { req -> HTTPStatus in
            let body = try req.content.decode(HTTPSMSTransport.Body.self)
            received.withLock { $0.append(body) }
            return .accepted
        }
        gateway.post("refuse") { _ in HTTPStatus.badRequest }
        gateway.post("busy") { _ in HTTPStatus.serviceUnavailable }
        let port = freeLocalPort()
        gateway.http.server.configuration.hostname = "127.0.0.1"
        gateway.http.server.configuration.port = port
        try await gateway.server.start(address: .hostname("127.0.0.1", port: port))
        defer { Task { await gateway.server.shutdown(); try? await gateway.asyncShutdown() } }

        let message = SMSMessage(to: "+33612345678", text: "Guichet : votre code de connexion est 123456.")
        try await HTTPSMSTransport(url: URL(string: "http://127.0.0.1:\(port)/sms")!, client: gateway.client).send(message)
        #expect(received.withLock { $0.map(\.to) } == ["+33612345678"])
        #expect(received.withLock { $0.first?.text } == message.text)

        await #expect { try await HTTPSMSTransport(url: URL(string: "http://127.0.0.1:\(port)/refuse")!, client: gateway.client).send(message) }
            throws: { if case .permanent = $0 as? DeliveryFailure { true } else { false } }
        await #expect { try await HTTPSMSTransport(url: URL(string: "http://127.0.0.1:\(port)/busy")!, client: gateway.client).send(message) }
            throws: { if case .transient = $0 as? DeliveryFailure { true } else { false } }
        await #expect { try await HTTPSMSTransport(url: URL(string: "http://127.0.0.1:1/sms")!, client: gateway.client).send(message) }
            throws: { if case .transient = $0 as? DeliveryFailure { true } else { false } }
    }

    @Test func configuredGatewayIsUsed() throws {
        var config = AppConfig.embedded(dataDirectory: URL(fileURLWithPath: "/tmp"))
        config.smsGatewayURL = URL(string: "https://sms.example.fr/envoi")
        let services = Services.live(config: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                     client: FakeClient())
        #expect((services.sms as? HTTPSMSTransport)?.url.absoluteString == "https://sms.example.fr/envoi")
        #expect(Services.live(config: AppConfig.embedded(dataDirectory: URL(fileURLWithPath: "/tmp")),
                              eventLoopGroup: MultiThreadedEventLoopGroup.singleton, client: FakeClient()).sms is FileSMSTransport)
    }
}

/// A client that is never called.
struct FakeClient: Client {
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    func delegating(to eventLoop: any EventLoop) -> any Client { self }
    func send(_ request: ClientRequest) -> EventLoopFuture<ClientResponse> {
        eventLoop.makeFailedFuture(Abort(.notImplemented))
    }
}
