import Foundation

/// The private ClamAV daemon of `scripts/clamd.sh` (own folder, own UNIX socket, a
/// signature database that detects EICAR), for the tests that need a real clamd.
///
/// Started at most once per test process, on first use, by `scripts/clamd.sh start`, which
/// does nothing when that daemon already answers: when the test script starts it before
/// the tests, every test process shares it and no test waits for it to load. It is not
/// stopped when the process exits (a Swift test process has no reliable hook for that,
/// and other test processes may still use it): the test script runs `scripts/clamd.sh
/// stop` after the tests, and the daemon stays in the run's process group, so a CI job
/// that ends takes it down too.
public enum ClamdServer {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The daemon's socket, once it answers PING. Throws (with the script's output) when
    /// clamd cannot be started, e.g. the `clamav-daemon` package is missing.
    public static func socketPath() async throws -> String {
        try await started.value
    }

    private static let started = Task<String, any Error> {
        _ = try await script("start")
        let socket = try await script("socket").trimmingCharacters(in: .whitespacesAndNewlines)
        guard socket.hasPrefix("/") else { throw Failure(description: "scripts/clamd.sh socket printed \"\(socket)\"") }
        return socket
    }

    private static let statusMarker = "clamd.sh exit status "

    /// Runs `scripts/clamd.sh ARGUMENT` and returns its standard output.
    ///
    /// Foundation's `Process` on Linux learns that a child exited when a socket the child
    /// inherits is closed, and the clamd that `start` leaves running would inherit it too:
    /// `waitUntilExit` and `terminationHandler` would then wait for clamd to stop, and the
    /// shell would stay a zombie. So a wrapper shell closes every descriptor above 2 before
    /// running the script, and the end of the output pipe (clamd writes to its own files),
    /// not the termination, says the script is done; the wrapper prints its exit status last.
    private static func script(_ argument: String) async throws -> String {
        let root = Corpus.repositoryRoot
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "exec 2>&1; for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ \"$fd\" -gt 2 ] && eval \"exec $fd>&-\"; done; "
                             + "\"$0\" \"$1\"; echo \"\(statusMarker)$?\"",
                             root.appendingPathComponent("scripts/clamd.sh").path, argument]
        process.currentDirectoryURL = root
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run scripts/clamd.sh: \(error)")
        }
        // Read on a thread of its own: `start` can take seconds (clamd loads its
        // database), and a Swift concurrency thread must not block that long.
        let text = await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            }.start()
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        guard let last = lines.popLast(), last.hasPrefix(statusMarker), let status = Int(last.dropFirst(statusMarker.count)) else {
            throw Failure(description: "scripts/clamd.sh \(argument) ended without a status: \(text)")
        }
        let printed = lines.joined(separator: "\n")
        guard status == 0 else {
            throw Failure(description: "scripts/clamd.sh \(argument) exited with status \(status): \(printed)")
        }
        return printed
    }
}
