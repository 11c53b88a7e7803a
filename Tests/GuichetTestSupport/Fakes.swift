import Foundation
import GuichetCore
import Synchronization

/// Records the emails it is given; can be told to fail like a server that is down.
public final class RecordingMailTransport: MailTransport {
    public init() {}

    private let state = Mutex<(sent: [EmailMessage], failure: DeliveryFailure?)>(([], nil))

    public var sent: [EmailMessage] { state.withLock { $0.sent } }

    public func fail(with failure: DeliveryFailure?) {
        state.withLock { $0.failure = failure }
    }

    public func send(_ message: EmailMessage) async throws {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            state.sent.append(message)
        }
    }
}

public final class RecordingSMSTransport: SMSTransport {
    public init() {}

    private let messages = Mutex<[SMSMessage]>([])

    public var sent: [SMSMessage] { messages.withLock { $0 } }

    public func send(_ message: SMSMessage) async throws {
        messages.withLock { $0.append(message) }
    }
}

/// Speech without a speech engine: a fixed WAV header plus the text, so tests can see
/// what would have been read.
public struct FakeSpeech: SpeechSynthesizer {
    public init() {}

    public func wav(speaking text: String) async throws -> Data {
        Data("RIFF\0\0\0\0WAVE".utf8) + Data(text.utf8)
    }
}

/// A webhook receiver in memory: records every request and answers as told.
public final class RecordingWebhookTransport: WebhookTransport {
    public enum Answer: Sendable {
        case status(Int)
        case unreachable
        /// Production's refusal of an internal address.
        case refusedAddress
    }

    public init() {}

    private let state = Mutex<(requests: [WebhookRequest], answer: Answer)>(([], .status(200)))

    /// Every request received, answered or not.
    public var requests: [WebhookRequest] { state.withLock { $0.requests } }

    public func answer(_ answer: Answer) {
        state.withLock { $0.answer = answer }
    }

    public func post(_ request: WebhookRequest) async throws -> Int {
        let answer = state.withLock { state -> Answer in
            state.requests.append(request)
            return state.answer
        }
        switch answer {
        case .status(let status): return status
        case .unreachable: throw WebhookTransportError.unreachable("connection refused")
        case .refusedAddress: throw WebhookTransportError.refusedAddress(request.url.host ?? "")
        }
    }
}
