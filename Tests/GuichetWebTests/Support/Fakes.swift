import Foundation
import GuichetCore
@testable import GuichetWeb
import Synchronization

/// Records the emails it is given; can be told to fail like a server that is down.
final class RecordingMailTransport: MailTransport {
    private let state = Mutex<(sent: [EmailMessage], failure: DeliveryFailure?)>(([], nil))

    var sent: [EmailMessage] { state.withLock { $0.sent } }

    func fail(with failure: DeliveryFailure?) {
        state.withLock { $0.failure = failure }
    }

    func send(_ message: EmailMessage) async throws {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            state.sent.append(message)
        }
    }
}

final class RecordingSMSTransport: SMSTransport {
    private let messages = Mutex<[SMSMessage]>([])

    var sent: [SMSMessage] { messages.withLock { $0 } }

    func send(_ message: SMSMessage) async throws {
        messages.withLock { $0.append(message) }
    }
}

/// Speech without a speech engine: a fixed WAV header plus the text, so tests can see
/// what would have been read.
struct FakeSpeech: SpeechSynthesizer {
    func wav(speaking text: String) async throws -> Data {
        Data("RIFF\0\0\0\0WAVE".utf8) + Data(text.utf8)
    }
}
