import Foundation
import GuichetCore
import Synchronization

/// Assembles each document in its own short-lived child process — `guichet
/// document-worker`, which limits its own CPU time and memory before it reads the job —
/// and kills it at a wall-clock deadline. A runaway (a decompression bomb, a file that
/// makes a C library loop or crash) costs one process, never the server; a client that
/// goes away cancels its job. At most `concurrency` run at once and `maximumWaiting`
/// wait; further jobs are refused at once (`WorkPoolOverloaded`).
public final class SubprocessDocumentAssembler: DocumentAssembling {
    public let executable: URL
    let arguments: [String]
    let deadline: Duration
    private let admission: Admission

    public init(executable: URL, arguments: [String] = ["document-worker"],
                deadline: Duration = .seconds(DocumentLimits.maximumAssemblySeconds),
                concurrency: Int = max(1, ProcessInfo.processInfo.activeProcessorCount), maximumWaiting: Int = 16) {
        self.executable = executable
        self.arguments = arguments
        self.deadline = deadline
        admission = Admission(running: concurrency, waiting: maximumWaiting)
    }

    public func assemble(_ files: [URL], work: URL) async throws -> DocumentAssembly {
        try await admission.enter()
        defer { admission.leave() }
        return try await run(DocumentJob(files: files.map(\.path), work: work.path), work: work)
    }

    /// A job that ran out of time, of memory or of CPU, or stopped abnormally.
    static let failed = DocumentAssembly.refused(
        file: nil,
        message: "Ce fichier n'a pas pu être vérifié : il est trop complexe ou endommagé. Enregistrez-le de nouveau (par exemple avec « Imprimer en PDF ») puis réessayez.")

    private func run(_ job: DocumentJob, work: URL) async throws -> DocumentAssembly {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let finished = Finished()
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let pid = process.processIdentifier
        input.fileHandleForWriting.write(try JSONEncoder().encode(job))
        try? input.fileHandleForWriting.close()

        let timedOut = Mutex(false)
        let watchdog = Task { [deadline] in
            try await Task.sleep(for: deadline)
            timedOut.withLock { $0 = true }
            kill(pid, SIGKILL)
            // Should the end not be reported (a process it left behind holding the
            // pipes), the job is over all the same.
            try await Task.sleep(for: .seconds(5))
            finished.signal()
        }
        await withTaskCancellationHandler {
            await finished.wait()
        } onCancel: {
            kill(pid, SIGKILL)
        }
        watchdog.cancel()
        if Task.isCancelled { throw CancellationError() }
        if timedOut.withLock({ $0 }) { return Self.failed }
        // The answer is a line of JSON; anything longer is not one of ours.
        let answerData = (try? output.fileHandleForReading.read(upToCount: 64 * 1024)) ?? nil
        try? output.fileHandleForReading.close()
        guard !process.isRunning, process.terminationReason == .exit, process.terminationStatus == 0,
              let answerData, let answer = try? JSONDecoder().decode(DocumentJob.Answer.self, from: answerData) else {
            return Self.failed
        }
        if let refusal = answer.refusal { return .refused(file: answer.file, message: refusal) }
        guard let pages = answer.pages,
              let data = try? Data(contentsOf: work.appendingPathComponent(DocumentJob.resultFileName)) else { return Self.failed }
        return .assembled(data: data, pages: pages)
    }

    /// Signalled once the child has exited.
    private final class Finished: Sendable {
        private let state = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

        func signal() {
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.done = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }

        func wait() async {
            await withCheckedContinuation { continuation in
                let done = state.withLock { state -> Bool in
                    if !state.done { state.waiters.append(continuation) }
                    return state.done
                }
                if done { continuation.resume() }
            }
        }
    }

    /// At most `running` jobs at once, `waiting` more in line; the rest are refused.
    private final class Admission: Sendable {
        private let state: Mutex<(running: Int, queue: [CheckedContinuation<Void, Never>])>
        private let limit: Int
        private let waitingLimit: Int

        init(running: Int, waiting: Int) {
            limit = running
            waitingLimit = waiting
            state = Mutex((0, []))
        }

        func enter() async throws {
            enum Decision { case go, wait, refuse }
            let decision = state.withLock { state -> Decision in
                if state.running < limit {
                    state.running += 1
                    return .go
                }
                return state.queue.count < waitingLimit ? .wait : .refuse
            }
            switch decision {
            case .go: return
            case .refuse: throw WorkPoolOverloaded()
            case .wait:
                await withCheckedContinuation { continuation in
                    let admitted = state.withLock { state -> Bool in
                        // A place may have been freed in between.
                        if state.running < limit {
                            state.running += 1
                            return true
                        }
                        state.queue.append(continuation)
                        return false
                    }
                    if admitted { continuation.resume() }
                }
            }
        }

        /// Frees a place, handing it to the first in line if any (it keeps the count).
        func leave() {
            let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
                if state.queue.isEmpty {
                    state.running -= 1
                    return nil
                }
                return state.queue.removeFirst()
            }
            next?.resume()
        }
    }
}
