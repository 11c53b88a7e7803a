import Foundation
import GuichetAdapters
import GuichetCore
import GuichetTestSupport
import Synchronization
import Testing
import Vapor

/// `SMS_GATEWAY_URL` against a real HTTP server on 127.0.0.1.
@Suite struct HTTPSMSTransportTests {
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
        try await HTTPSMSTransport(url: URL(string: "http://127.0.0.1:\(port)/sms")!).send(message)
        #expect(received.withLock { $0.map(\.to) } == ["+33612345678"])
        #expect(received.withLock { $0.first?.text } == message.text)

        await #expect { try await HTTPSMSTransport(url: URL(string: "http://127.0.0.1:\(port)/refuse")!).send(message) }
            throws: { if case .permanent = $0 as? DeliveryFailure { true } else { false } }
        await #expect { try await HTTPSMSTransport(url: URL(string: "http://127.0.0.1:\(port)/busy")!).send(message) }
            throws: { if case .transient = $0 as? DeliveryFailure { true } else { false } }
        await #expect { try await HTTPSMSTransport(url: URL(string: "http://127.0.0.1:1/sms")!).send(message) }
            throws: { if case .transient = $0 as? DeliveryFailure { true } else { false } }
    }
}

extension HTTPSMSTransport.Body: Content {}
