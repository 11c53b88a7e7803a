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
