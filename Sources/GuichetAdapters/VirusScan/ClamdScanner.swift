import Foundation
import GuichetCore
import NIOCore
import NIOPosix

/// The ClamAV daemon over its UNIX socket, with SwiftNIO: one connection per command
/// (clamd answers one command, then closes), the document sent with INSTREAM so that clamd
/// needs no access to our files. Anything but a verdict, including a daemon that is down,
/// slow or answers nonsense, throws `VirusScanUnavailable`: never a `.clean`.
public struct ClamdScanner: VirusScanning {
    public let socketPath: String
    /// For the whole command: connecting, sending the document, clamd's scan and reply.
    public let timeout: Duration
    /// Bytes per INSTREAM chunk; also how much of a file is in memory at once.
    public let chunkSize: Int
    /// clamd's `StreamMaxLength` (scripts/clamd.sh: 25M, i.e. 25 MiB). clamd would refuse a
    /// larger stream only once it had received that much ("INSTREAM size limit exceeded"),
    /// so it is refused here before connecting.
    public let maximumStreamBytes: Int
    let eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    /// A local socket connects at once or fails at once; this only bounds a daemon so
    /// overloaded that it stops accepting.
    static let connectTimeout: Duration = .seconds(2)
    /// Health checks must answer quickly even with a long scan timeout.
    static let pingTimeout: Duration = .seconds(5)

    public init(socketPath: String, timeout: Duration = .seconds(30), chunkSize: Int = 256 * 1024,
                maximumStreamBytes: Int = 25 * 1024 * 1024) {
        self.socketPath = socketPath
        self.timeout = timeout
        // Out-of-range values are clamped rather than trapped on: a bad setting must not crash the server.
        self.chunkSize = min(max(chunkSize, 1), Int(Int32.max))
        self.maximumStreamBytes = max(maximumStreamBytes, 0)
    }

    public func scan(_ data: Data) async throws -> ScanVerdict {
        try refuseOverLimit(data.count)
        let chunkSize = self.chunkSize
        let outcome = try await exchange(ClamdProtocol.instream, timeout: timeout) { stream in
            var start = data.startIndex
            while start < data.endIndex {
                let end = data.index(start, offsetBy: chunkSize, limitedBy: data.endIndex) ?? data.endIndex
                var frame = ClamdProtocol.chunkHeader(length: end - start)
                data[start..<end].withUnsafeBytes { _ = frame.writeBytes($0) }
                guard await stream.write(frame) else { return false }
                start = end
            }
            return await stream.write(ClamdProtocol.endOfStream)
        }
        return try outcome.verdict()
    }

    public func scan(fileAt url: URL) async throws -> ScanVerdict {
        let file = try await ChunkedFile(url: url)
        defer { file.close() }
        try refuseOverLimit(file.size)
        let chunkSize = self.chunkSize, maximum = maximumStreamBytes
        let outcome = try await exchange(ClamdProtocol.instream, timeout: timeout) { stream in
            var sent = 0
            while true {
                let chunk = try await file.read(upTo: chunkSize)
                if chunk.isEmpty { break }
                sent += chunk.count
                // The file grew after it was measured: stop before the end-of-stream
                // marker, so that clamd never gives a verdict on part of it.
                guard sent <= maximum else { throw ScanAbandoned(reason: "\(url.lastPathComponent) grew past \(maximum) bytes while being scanned") }
                var frame = ClamdProtocol.chunkHeader(length: chunk.count)
                chunk.withUnsafeBytes { _ = frame.writeBytes($0) }
                guard await stream.write(frame) else { return false }
            }
            return await stream.write(ClamdProtocol.endOfStream)
        }
        return try outcome.verdict()
    }

    public func isAvailable() async -> Bool {
        guard let outcome = try? await exchange(ClamdProtocol.ping, timeout: min(timeout, Self.pingTimeout), send: { _ in true }) else {
            return false
        }
        return outcome.sentEverything && ClamdProtocol.isPong(outcome.reply)
    }

    private func refuseOverLimit(_ size: Int) throws {
        guard size <= maximumStreamBytes else {
            throw VirusScanUnavailable(reason: "\(size) bytes is over the scanner's limit of \(maximumStreamBytes) bytes")
        }
    }

    /// Connects, sends the command and what `send` writes (it returns whether all of it
    /// went out), then reads the one reply, all within `timeout`. The reply is read even
    /// when sending failed: clamd closes the connection as soon as it refuses a stream
    /// (size limit), so the "ERROR" it wrote is waiting while our writes get EPIPE;
    /// SwiftNIO reads it before closing the channel.
    private func exchange(_ command: String, timeout: Duration,
                          send: @escaping @Sendable (ClamdStream) async throws -> Bool) async throws -> ClamdExchange {
        let deadline = ContinuousClock.now + timeout
        let channel: NIOAsyncChannel<ClamdReply, Never>
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(min(Self.connectTimeout, timeout)))
                .connect(unixDomainSocketPath: socketPath) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ClamdReplyDecoder()))
                        return try NIOAsyncChannel<ClamdReply, Never>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw VirusScanUnavailable(reason: "cannot connect to clamd at \(socketPath): \(Self.describe(error))")
        }

        do {
            return try await withThrowingTaskGroup(of: ClamdExchange.self) { group in
                group.addTask {
                    try await channel.executeThenClose { inbound, _ in
                        let stream = ClamdStream(channel: channel.channel)
                        var sentEverything = await stream.write(ByteBuffer(string: command))
                        if sentEverything {
                            sentEverything = try await send(stream)
                        }
                        var replies = inbound.makeAsyncIterator()
                        return ClamdExchange(reply: try await replies.next() ?? .cutShort([]), sentEverything: sentEverything)
                    }
                }
                group.addTask {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    throw VirusScanUnavailable(reason: "clamd did not answer within \(timeout)")
                }
                defer { group.cancelAll() }
                do {
                    guard let outcome = try await group.next() else { throw VirusScanUnavailable(reason: "no reply") }
                    return outcome
                } catch {
                    // Past the deadline the exchange may still wait on the socket, and only
                    // closing it ends that wait (the group waits for it before returning).
                    channel.channel.close(promise: nil)
                    throw error
                }
            }
        } catch let error as VirusScanUnavailable {
            throw error
        } catch let error as ScanAbandoned {
            throw VirusScanUnavailable(reason: error.reason)
        } catch {
            throw VirusScanUnavailable(reason: "connection to clamd failed: \(Self.describe(error))")
        }
    }

    /// A connection failure in a few words for the logs; the errno names the usual
    /// causes (ENOENT: no socket, clamd not started; ECONNREFUSED: clamd stopped).
    static func describe(_ error: any Error) -> String {
        if let error = error as? IOError {
            switch error.errnoCode {
            case ENOENT: return "no such socket (ENOENT)"
            case ECONNREFUSED: return "connection refused (ECONNREFUSED)"
            case EACCES: return "permission denied (EACCES)"
            case ECONNRESET: return "connection reset (ECONNRESET)"
            case EPIPE: return "connection closed by clamd (EPIPE)"
            default: return String(describing: error).prefix(200).description
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "connect timed out" }
        if error is CancellationError { return "the scan was cancelled" }
        return String(describing: error).prefix(200).description
    }
}

/// One command's outcome: clamd's reply, and whether clamd received the whole command.
struct ClamdExchange: Sendable {
    let reply: ClamdReply
    let sentEverything: Bool

    /// A clean verdict counts only for a stream clamd received to its end: an "OK"
    /// before it (from something that is not clamd) would vouch for part of the document.
    func verdict() throws -> ScanVerdict {
        let verdict = try ClamdProtocol.verdict(reply)
        guard verdict != .clean || sentEverything else {
            throw VirusScanUnavailable(reason: "clamd answered OK before receiving the whole document")
        }
        return verdict
    }
}

/// Sending a document failed on our side (reading the file), not on clamd's: the
/// stream is abandoned before its end-of-stream marker.
private struct ScanAbandoned: Error {
    let reason: String
}

/// The sending half of one clamd connection. A failed write (clamd closed the connection,
/// typically after refusing the stream) is not thrown: sending stops, and the reply
/// that explains it is read next.
///
/// Each write waits until the socket took the bytes, straight on the channel rather than
/// through `NIOAsyncChannel`'s writer, whose `write` returns once the bytes are queued: a
/// write that then failed would go unnoticed, and "the whole stream was sent" would be a
/// guess. Waiting also bounds memory to one chunk, whatever clamd's pace.
struct ClamdStream: Sendable {
    let channel: any Channel

    /// False when the connection no longer takes bytes.
    func write(_ buffer: ByteBuffer) async -> Bool {
        do {
            try await channel.writeAndFlush(buffer)
            return true
        } catch {
            return false
        }
    }
}

/// A file read a chunk at a time on NIO's blocking-I/O thread pool, so that neither the
/// whole file is in memory nor a Swift concurrency thread waits on the disk.
private struct ChunkedFile: Sendable {
    let handle: FileHandle
    /// The size when opened; the stream is cut off if the file grows past the limit.
    let size: Int
    let name: String
    private static let pool = NIOThreadPool.singleton

    init(url: URL) async throws {
        let name = url.lastPathComponent, path = url.path
        do {
            (handle, size) = try await Self.pool.runIfActive {
                // Checked before opening: opening a FIFO would wait for a writer forever,
                // and a device would stream without end. `stat` follows symbolic links.
                var info = stat()
                guard stat(path, &info) == 0 else { throw VirusScanUnavailable(reason: "cannot read \(name): \(Self.errnoText())") }
                guard info.st_mode & S_IFMT == S_IFREG else { throw VirusScanUnavailable(reason: "\(name) is not a regular file") }
                return (try FileHandle(forReadingFrom: url), Int(info.st_size))
            }
        } catch let error as VirusScanUnavailable {
            throw error
        } catch {
            throw VirusScanUnavailable(reason: "cannot open \(name): \(Self.describe(error))")
        }
        self.name = name
    }

    func read(upTo count: Int) async throws -> Data {
        do {
            return try await Self.pool.runIfActive { [handle] in try handle.read(upToCount: count) ?? Data() }
        } catch {
            throw ScanAbandoned(reason: "cannot read \(name): \(Self.describe(error))")
        }
    }

    func close() {
        try? handle.close()
    }

    private static func errnoText() -> String {
        let code = errno
        return "\(String(cString: strerror(code))) (errno \(code))"
    }

    /// Foundation's file errors describe themselves at length (user info included).
    private static func describe(_ error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return "\(String(cString: strerror(Int32(truncatingIfNeeded: underlying.code)))) (errno \(underlying.code))"
        }
        return String(describing: error).prefix(200).description
    }
}
