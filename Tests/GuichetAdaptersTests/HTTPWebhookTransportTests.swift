import Foundation
import GuichetAdapters
import GuichetCore
import GuichetTestSupport
import NIOPosix
import Synchronization
import Testing
import Vapor

/// Webhook deliveries against a real HTTP server on 127.0.0.1: what is sent, that
/// redirects are not followed, and that production refuses internal addresses at the
/// moment of delivery (whatever the URL looked like when it was set).
@Suite struct HTTPWebhookTransportTests {
    /// What the receiver got.
    final class Received: Sendable {
        let requests = Mutex<[(headers: HTTPHeaders, body: String)]>([])

        func withLock<T>(_ body: (inout [(headers: HTTPHeaders, body: String)]) -> T) -> T { requests.withLock { body(&$0) } }
    }

    func receiver() async throws -> (Application, Int, Received) {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        let received = Received()
        app.post("hook") { req -> HTTPStatus in
            let body = req.body.string ?? ""
            received.withLock { $0.append((req.headers, body)) }
            return .noContent
        }
        app.post("moved") { req -> Response in req.redirect(to: "/hook", redirectType: .temporary) }
        app.post("slow") { req -> Response in
            // A receiver trickling its answer's body, a byte a second for a minute (it
            // stops when the client goes away).
            Response(status: .ok, body: .init(asyncStream: { writer in
                for _ in 0..<60 {
                    do {
                        try await writer.write(.buffer(ByteBuffer(string: ".")))
                        try await Task.sleep(for: .seconds(1))
                    } catch {
                        try? await writer.write(.error(error))
                        return
                    }
                }
                try? await writer.write(.end)
            }))
        }
        let port = freeLocalPort()
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        return (app, port, received)
    }

    func request(_ url: String) -> WebhookRequest {
        WebhookRequest(url: URL(string: url)!, headers: [("Content-Type", "application/json"), ("Guichet-Event-Id", "e1")],
                       body: Data(#"{"sequence":1}"#.utf8))
    }

    @Test func aDeliveryIsPostedWithItsHeadersAndRedirectsAreNotFollowed() async throws {
        let (app, port, received) = try await receiver()
        defer { Task { await app.server.shutdown(); try? await app.asyncShutdown() } }
        let transport = HTTPWebhookTransport(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, allowInternalAddresses: true)
        #expect(try await transport.post(request("http://127.0.0.1:\(port)/hook")) == 204)
        #expect(received.withLock { $0.count } == 1)
        #expect(received.withLock { $0.first?.headers.first(name: "Guichet-Event-Id") } == "e1")
        #expect(received.withLock { $0.first?.body } == #"{"sequence":1}"#)
        #expect(try await transport.post(request("http://127.0.0.1:\(port)/moved")) == 307)
        #expect(received.withLock { $0.count } == 1, "the redirect was not followed")
        #expect(try await transport.post(request("http://localhost:\(port)/hook")) == 204, "a name resolves and is pinned")
        let started = ContinuousClock.now
        #expect(try await transport.post(request("http://127.0.0.1:\(port)/slow")) == 200)
        #expect(ContinuousClock.now - started < .seconds(10), "the trickled body is not waited for")
        await #expect { try await transport.post(request("http://127.0.0.1:1/hook")) } throws: {
            if case .unreachable = $0 as? WebhookTransportError { true } else { false }
        }
    }

    @Test(arguments: ["http://127.0.0.1:%d/hook", "http://localhost:%d/hook", "http://[::1]:%d/hook"])
    func productionRefusesInternalAddressesWhenDelivering(template: String) async throws {
        let (app, port, received) = try await receiver()
        defer { Task { await app.server.shutdown(); try? await app.asyncShutdown() } }
        let transport = HTTPWebhookTransport(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, allowInternalAddresses: false)
        await #expect { try await transport.post(request(String(format: template, port))) } throws: {
            if case .refusedAddress = $0 as? WebhookTransportError { true } else { false }
        }
        #expect(received.withLock { $0.isEmpty })
    }
}
