import Foundation
import GuichetCore
import Synchronization

/// Debian's `espeak-ng` with its French voice, run as a separate process off the
/// event loop. At most a few run at once; further requests are refused rather than
/// queued, so a flood of audio requests cannot pile up processes.
public struct EspeakSynthesizer: SpeechSynthesizer {
    let executable: String
    private static let running = ConcurrencyLimiter(limit: 4)

    public init(executable: String) {
        self.executable = executable
    }

    public func wav(speaking text: String) async throws -> Data {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw SpeechUnavailable() }
        guard Self.running.acquire() else { throw SpeechUnavailable() }
        defer { Self.running.release() }

        let output = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-speech-\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-v", "fr", "-s", "125", "-g", "8", "-w", output.path, text]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { process in
                if process.terminationStatus == 0 {
                    continuation.resume()
                } else {
                    continuation.resume(throwing: SpeechUnavailable())
                }
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: SpeechUnavailable())
            }
        }
        return try Data(contentsOf: output)
    }
}

/// A counter of concurrent operations that refuses past its limit.
final class ConcurrencyLimiter: Sendable {
    private let state: Mutex<Int>
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
        self.state = Mutex(0)
    }

    func acquire() -> Bool {
        state.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func release() {
        state.withLock { $0 -= 1 }
    }
}
