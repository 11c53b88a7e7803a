import AsyncHTTPClient
import Foundation
import GuichetCore
import NIOCore
import NIOHTTP1

/// Production SMS: `POST SMS_GATEWAY_URL` with `{"to": "+33612345678", "text": "…"}`.
/// A 2xx answer is a delivery; 4xx (except 429) a permanent refusal; anything else is
/// retried by the outbox.
public struct HTTPSMSTransport: SMSTransport {
    public let url: URL
    let client: HTTPClient

    public struct Body: Codable, Sendable, Equatable {
        public let to: String
        public let text: String
    }

    public init(url: URL, client: HTTPClient = .shared) {
        self.url = url
        self.client = client
    }

    public func send(_ message: SMSMessage) async throws {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: Array(try JSONEncoder().encode(Body(to: message.to, text: message.text)))))
        let status: UInt
        do {
            // A gateway that is down must not hold the outbox worker for long: the
            // message is retried later anyway.
            let response = try await client.execute(request, timeout: .seconds(5))
            status = response.status.code
            _ = try? await response.body.collect(upTo: 64 * 1024)
        } catch {
            throw DeliveryFailure.transient("SMS gateway unreachable: \(error)")
        }
        switch status {
        case 200..<300: return
        case 429, 500...: throw DeliveryFailure.transient("SMS gateway answered \(status)")
        default: throw DeliveryFailure.permanent("SMS gateway refused the message: \(status)")
        }
    }
}
