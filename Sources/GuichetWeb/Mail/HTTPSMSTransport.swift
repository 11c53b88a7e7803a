import Foundation
import GuichetCore
import Vapor

/// Production SMS: `POST SMS_GATEWAY_URL` with `{"to": "+33612345678", "text": "…"}`.
/// A 2xx answer is a delivery; 4xx (except 429) a permanent refusal; anything else is
/// retried by the outbox.
struct HTTPSMSTransport: SMSTransport {
    let url: URL
    let client: any Client

    struct Body: Content {
        let to: String
        let text: String
    }

    func send(_ message: SMSMessage) async throws {
        let response: ClientResponse
        do {
            response = try await client.post(URI(string: url.absoluteString)) { request in
                try request.content.encode(Body(to: message.to, text: message.text), as: .json)
                // A gateway that is down must not hold the outbox worker for long: the
                // message is retried later anyway.
                request.timeout = .seconds(5)
            }
        } catch {
            throw DeliveryFailure.transient("SMS gateway unreachable: \(error)")
        }
        switch response.status.code {
        case 200..<300: return
        case 429, 500...: throw DeliveryFailure.transient("SMS gateway answered \(response.status.code)")
        default: throw DeliveryFailure.permanent("SMS gateway refused the message: \(response.status.code)")
        }
    }
}
