import Foundation
import GuichetCore
import GuichetTestSupport
import NIOCore
import NIOPosix
import Testing
@testable import GuichetAdapters

/// `ClamdScanner` against the real clamd of `scripts/clamd.sh` (verdicts, streaming, size
/// limits, concurrency), against a fake daemon that misbehaves (garbage, silence, early
/// close), and its reply parsing on its own. Every failure must be `VirusScanUnavailable`,
/// within the deadline, and never `.clean`.
@Suite struct ClamdScannerTests {
    /// The 68-byte EICAR test string, in two pieces so that no file holds it whole and
    /// trips a scanner (as in `Tests/tools/clamd_check.py`).
    static let eicar = Data(#"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-"#.utf8) + Data("ANTIVIRUS-TEST-FILE!$H+H*".utf8)

    /// A small one-page PDF, like the ones citizens upload.
    static let pdf = Data("""
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj
        4 0 obj << /Length 55 >> stream
        BT /F1 12 Tf 72 720 Td (Justificatif de domicile) Tj ET
        endstream endobj
        trailer << /Size 5 /Root 1 0 R >>
        %%EOF

        """.utf8)

    func scanner(timeout: Duration = .seconds(30), chunkSize: Int = 256 * 1024,
                 maximumStreamBytes: Int = 25 * 1024 * 1024) async throws -> ClamdScanner {
        ClamdScanner(socketPath: try await ClamdServer.socketPath(), timeout: timeout, chunkSize: chunkSize,
                     maximumStreamBytes: maximumStreamBytes)
    }

    static func isEICAR(_ verdict: ScanVerdict) -> Bool {
        if case .infected(let signature) = verdict { signature.contains("EICAR") } else { false }
    }

    /// A path in a fresh folder, short enough for a UNIX socket (108 bytes).
    static func missingSocketPath() -> String {
        "/tmp/guichet-no-clamd-\(UUID().uuidString.prefix(8))/clamd.sock"
    }

    // MARK: The real daemon

    @Test func cleanDocumentsAreClean() async throws {
        let scanner = try await scanner()
        #expect(Self.eicar.count == 68)
        #expect(try await scanner.scan(Self.pdf) == .clean)
        #expect(try await scanner.scan(Data("Pièce justificative n°1\n".utf8)) == .clean)
        #expect(try await scanner.scan(Data()) == .clean, "an empty stream is scanned too")
    }

    @Test func eicarIsInfected() async throws {
        let scanner = try await scanner()
        let verdict = try await scanner.scan(Self.eicar)
        #expect(Self.isEICAR(verdict), "\(verdict)")
        // Split across 7-byte chunks, the string is still found: clamd scans the stream, not the chunks.
        #expect(Self.isEICAR(try await self.scanner(chunkSize: 7).scan(Self.eicar)))
    }

    @Test func eicarInsideALargerDocumentIsInfected() async throws {
        let scanner = try await scanner()
        #expect(Self.isEICAR(try await scanner.scan(Self.pdf + Self.eicar)))
        #expect(Self.isEICAR(try await scanner.scan(Data(repeating: UInt8(ascii: "a"), count: 1_000_000) + Self.eicar + Data("\n".utf8))))
        // A slice of a larger buffer (its indices do not start at 0).
        let blob = Data(repeating: 0x20, count: 1000) + Self.eicar + Data(repeating: 0x20, count: 1000)
        #expect(Self.isEICAR(try await scanner.scan(blob[500..<1600])))
        #expect(try await scanner.scan(blob[0..<1000]) == .clean)
    }

    @Test func filesAreStreamedWithTheSameVerdicts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-clamd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clean = folder.appendingPathComponent("clean.pdf"), infected = folder.appendingPathComponent("infected.pdf")
        let large = folder.appendingPathComponent("large.bin"), empty = folder.appendingPathComponent("empty.pdf")
        try Self.pdf.write(to: clean)
        try (Self.pdf + Data(repeating: UInt8(ascii: "a"), count: 3_000_000) + Self.eicar).write(to: infected)
        try Data(repeating: 0x42, count: 3_000_000).write(to: large)
        try Data().write(to: empty)

        // 64 KiB chunks: the infected file is some fifty chunks, EICAR in the last one.
        let scanner = try await scanner(chunkSize: 64 * 1024)
        #expect(try await scanner.scan(fileAt: clean) == .clean)
        #expect(Self.isEICAR(try await scanner.scan(fileAt: infected)))
        #expect(try await scanner.scan(fileAt: large) == .clean)
        #expect(try await scanner.scan(fileAt: empty) == .clean)

        let missing = await #expect(throws: VirusScanUnavailable.self) {
            try await scanner.scan(fileAt: folder.appendingPathComponent("absent.pdf"))
        }
        #expect(missing?.reason.contains("cannot read absent.pdf: No such file or directory") == true, "\(String(describing: missing))")
        let directory = await #expect(throws: VirusScanUnavailable.self) { try await scanner.scan(fileAt: folder) }
        #expect(directory?.reason.contains("not a regular file") == true, "\(String(describing: directory))")
        // Over the limit, refused before reading it.
        let tooLarge = await #expect(throws: VirusScanUnavailable.self) {
            try await self.scanner(maximumStreamBytes: 1_000_000).scan(fileAt: large)
        }
        #expect(tooLarge?.reason.contains("limit") == true)
    }

    @Test func tenMegabytesOfCleanDataAreClean() async throws {
        let block = Data((0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let data = (0..<10).reduce(into: Data()) { data, _ in data.append(block) }
        #expect(data.count == 10_000_000)
        #expect(try await scanner().scan(data) == .clean)
    }

    @Test func aStreamOverTheLimitIsRefusedWithoutConnecting() async throws {
        // A socket that does not exist: the refusal must come before any connection attempt.
        let scanner = ClamdScanner(socketPath: Self.missingSocketPath(), maximumStreamBytes: 1_000_000)
        let error = await #expect(throws: VirusScanUnavailable.self) {
            try await scanner.scan(Data(count: 1_000_001))
        }
        #expect(error?.reason.contains("over the scanner's limit") == true, "\(String(describing: error))")
    }

    /// clamd's own StreamMaxLength (25M in scripts/clamd.sh), with the local limit raised
    /// above it: clamd refuses, closes while we are still sending, and its
    /// "INSTREAM size limit exceeded. ERROR" must still be read.
    @Test func clamdsOwnSizeLimitIsUnavailableNotClean() async throws {
        let limit = 25 * 1024 * 1024
        let scanner = try await scanner(chunkSize: 1024 * 1024, maximumStreamBytes: 64 * 1024 * 1024)
        #expect(try await scanner.scan(Data(count: limit)) == .clean, "exactly StreamMaxLength is scanned")
        let started = ContinuousClock.now
        let error = await #expect(throws: VirusScanUnavailable.self) {
            try await scanner.scan(Data(count: limit + 1))
        }
        #expect(error?.reason.contains("INSTREAM size limit exceeded. ERROR") == true, "\(String(describing: error))")
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func sixteenConcurrentScansAreAllRight() async throws {
        let scanner = try await scanner()
        let verdicts = try await withThrowingTaskGroup(of: (Int, ScanVerdict).self) { group in
            for index in 0..<16 {
                group.addTask { (index, try await scanner.scan(index.isMultiple(of: 2) ? Self.pdf : Self.pdf + Self.eicar)) }
            }
            return try await group.reduce(into: [Int: ScanVerdict]()) { $0[$1.0] = $1.1 }
        }
        #expect(verdicts.count == 16)
        for (index, verdict) in verdicts {
            #expect(index.isMultiple(of: 2) ? verdict == .clean : Self.isEICAR(verdict), "scan \(index): \(verdict)")
        }
    }

    @Test func availabilityFollowsTheDaemon() async throws {
        #expect(try await scanner().isAvailable())
        let started = ContinuousClock.now
        #expect(await ClamdScanner(socketPath: Self.missingSocketPath()).isAvailable() == false)
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    // MARK: No daemon, or a daemon that misbehaves

    @Test func aMissingSocketIsUnavailableAtOnce() async throws {
        let started = ContinuousClock.now
        let error = await #expect(throws: VirusScanUnavailable.self) {
            try await ClamdScanner(socketPath: Self.missingSocketPath()).scan(Self.pdf)
        }
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(error?.reason.contains("ENOENT") == true, "\(String(describing: error))")
    }

    /// The socket file of a clamd that was killed: still there, nobody listening.
    @Test func aSocketNobodyListensOnIsUnavailable() async throws {
        let path = "/tmp/guichet-stale-clamd-\(UUID().uuidString.prefix(8)).sock"
        try Self.leaveStaleSocket(at: path)
        defer { unlink(path) }
        let error = await #expect(throws: VirusScanUnavailable.self) {
            try await ClamdScanner(socketPath: path).scan(Self.pdf)
        }
        #expect(error?.reason.contains("ECONNREFUSED") == true, "\(String(describing: error))")
        #expect(await ClamdScanner(socketPath: path).isAvailable() == false)
    }

    /// Binds a UNIX socket without listening, then closes it: the file stays behind.
    static func leaveStaleSocket(at path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        let address = try SocketAddress(unixDomainSocketPath: path)
        let bound = address.withSockAddr { bind(descriptor, $0, socklen_t($1)) }
        try #require(descriptor >= 0 && bound == 0, "cannot bind \(path)")
    }

    /// A reply for a parameterised test, shown with its NULs and newlines escaped.
    struct Reply: Sendable, CustomTestStringConvertible {
        let bytes: [UInt8]
        init(_ text: String) { bytes = Array(text.utf8) }
        var testDescription: String {
            bytes.count > 60 ? "\(bytes.count) bytes without terminator"
                : String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\0", with: "\\0").replacingOccurrences(of: "\n", with: "\\n")
        }
    }

    @Test(arguments: [
        "HELLO\0", "stream: OK", "stream: OK FOUN", "stream:  FOUND\0", "stream: FOUND\0", "stream: ok\0",
        "INSTREAM size limit exceeded. ERROR\0", "COMMAND READ TIMED OUT\n", "UNKNOWN COMMAND\0",
        "stream: Can't allocate memory ERROR\0", "\0", "\n", String(repeating: "x", count: 5000),
    ].map(Reply.init))
    func aReplyThatIsNotAVerdictIsUnavailable(reply: Reply) async throws {
        try await FakeClamd.with(.answer(reply.bytes)) { fake async throws in
            await #expect(throws: VirusScanUnavailable.self) {
                try await ClamdScanner(socketPath: fake.path, timeout: .seconds(5)).scan(Self.pdf)
            }
        }
    }

    /// The deadline is generous: this is about reading verdicts, and the whole suite
    /// running at once on two cores once kept this exchange waiting over 30 s.
    @Test func verdictsFromTheFakeAreRead() async throws {
        try await FakeClamd.with(.answer(Array("stream: Some.Signature-1 FOUND\0".utf8))) { fake async throws in
            #expect(try await ClamdScanner(socketPath: fake.path, timeout: .seconds(180)).scan(Self.pdf) == .infected(signature: "Some.Signature-1"))
        }
        try await FakeClamd.with(.answer(Array("stream: OK\0trailing bytes ignored".utf8))) { fake async throws in
            #expect(try await ClamdScanner(socketPath: fake.path, timeout: .seconds(180)).scan(Self.pdf) == .clean)
        }
        try await FakeClamd.with(.answer(Array("PONG\0".utf8))) { fake async throws in
            #expect(await ClamdScanner(socketPath: fake.path).isAvailable())
        }
        try await FakeClamd.with(.answer(Array("PANG\0".utf8))) { fake async throws in
            #expect(await ClamdScanner(socketPath: fake.path).isAvailable() == false)
        }
    }

    /// An "OK" before the document was all sent vouches for part of it only.
    @Test func anOKBeforeTheEndOfTheStreamIsUnavailable() async throws {
        try await FakeClamd.with(.answerAtOnce(Array("stream: OK\0".utf8))) { fake async throws in
            let error = await #expect(throws: VirusScanUnavailable.self) {
                try await ClamdScanner(socketPath: fake.path, timeout: .seconds(60)).scan(Data(count: 5_000_000))
            }
            #expect(error?.reason.contains("before receiving the whole document") == true, "\(String(describing: error))")
        }
    }

    /// A reply written while we are still sending is read, though our writes then fail.
    @Test func aReplyBeforeTheEndOfTheStreamIsStillRead() async throws {
        try await FakeClamd.with(.answerAtOnce(Array("stream: Early.Detection FOUND\0".utf8))) { fake async throws in
            #expect(try await ClamdScanner(socketPath: fake.path, timeout: .seconds(60)).scan(Data(count: 5_000_000))
                    == .infected(signature: "Early.Detection"))
        }
    }

    @Test func aDaemonThatClosesAtOnceIsUnavailable() async throws {
        try await FakeClamd.with(.closeAtOnce) { fake async throws in
            await #expect(throws: VirusScanUnavailable.self) {
                try await ClamdScanner(socketPath: fake.path, timeout: .seconds(5)).scan(Self.pdf)
            }
            await #expect(throws: VirusScanUnavailable.self) {
                try await ClamdScanner(socketPath: fake.path, timeout: .seconds(5)).scan(Data(count: 3_000_000))
            }
        }
    }

    /// Silent while reading everything, or not reading at all (our writes then wait on a
    /// full socket): either way the deadline ends the scan.
    @Test(arguments: [FakeClamd.Behaviour.neverAnswer, .neverRead])
    func aSilentDaemonIsUnavailableWithinTheDeadline(behaviour: FakeClamd.Behaviour) async throws {
        try await FakeClamd.with(behaviour) { fake async throws in
            let scanner = ClamdScanner(socketPath: fake.path, timeout: .milliseconds(800))
            for data in [Self.pdf, Data(count: 10_000_000)] {
                let started = ContinuousClock.now
                let error = await #expect(throws: VirusScanUnavailable.self) { try await scanner.scan(data) }
                let elapsed = ContinuousClock.now - started
                // Not a timing test: the bound only proves the scan does not hang (the
                // machine may be busy); the reason says the deadline ended it.
                #expect(elapsed >= .milliseconds(700) && elapsed < .seconds(60), "\(elapsed)")
                #expect(error?.reason.contains("did not answer within") == true, "\(String(describing: error))")
            }
            let started = ContinuousClock.now
            #expect(await scanner.isAvailable() == false)
            #expect(ContinuousClock.now - started < .seconds(60))
        }
    }

    @Test func randomRepliesNeverCrashNorPassAsClean() async throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            let length = Int.random(in: 0...6000, using: &generator)
            let reply = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try await FakeClamd.with(.answer(reply)) { fake async throws in
                do {
                    let verdict = try await ClamdScanner(socketPath: fake.path, timeout: .seconds(5)).scan(Self.pdf)
                    Issue.record("random reply gave \(verdict)")
                } catch {
                    #expect(error is VirusScanUnavailable, "\(error)")
                }
            }
        }
    }

    // MARK: Reply parsing

    @Test func repliesAreParsed() throws {
        func verdict(_ text: String) throws -> ScanVerdict { try ClamdProtocol.verdict(.complete(Array(text.utf8))) }
        #expect(try verdict("stream: OK") == .clean)
        #expect(try verdict("stream: Guichet.Test.EICAR.UNOFFICIAL FOUND") == .infected(signature: "Guichet.Test.EICAR.UNOFFICIAL"))
        #expect(try verdict("stream: Name With Spaces FOUND") == .infected(signature: "Name With Spaces"))
        for text in ["", "stream: OK ", "stream:  FOUND", "stream: FOUND", "PONG", "INSTREAM size limit exceeded. ERROR"] {
            #expect(throws: VirusScanUnavailable.self, "\(text)") { try verdict(text) }
        }
        #expect(throws: VirusScanUnavailable.self) { try ClamdProtocol.verdict(.cutShort(Array("stream: OK".utf8))) }
        #expect(throws: VirusScanUnavailable.self) { try ClamdProtocol.verdict(.cutShort([])) }
        #expect(throws: VirusScanUnavailable.self) { try ClamdProtocol.verdict(.tooLong) }
        #expect(ClamdProtocol.printable([0x41, 0x00, 0xFF, 0x0A]) == "A???")
    }

    @Test func theDisabledScannerPassesEverything() async throws {
        #expect(try await DisabledVirusScanner().scan(Self.eicar) == .clean)
        #expect(await DisabledVirusScanner().isAvailable())
    }
}

/// A stand-in for clamd on a UNIX socket, misbehaving in one chosen way.
struct FakeClamd: Sendable {
    enum Behaviour: Sendable, Equatable, CustomTestStringConvertible {
        /// Reads the whole command (INSTREAM: up to the zero-length chunk), then writes
        /// these bytes and closes, as clamd does.
        case answer([UInt8])
        /// Reads once (a socket buffer's worth at most), then writes these bytes and closes,
        /// while the client may still be sending.
        case answerAtOnce([UInt8])
        /// Closes each connection as soon as it is accepted.
        case closeAtOnce
        /// Reads and drops everything, never answers.
        case neverAnswer
        /// Accepts, never reads: the client's writes stall once the socket buffers are full.
        case neverRead

        /// Whether the connection is read continuously (otherwise once, or never).
        var readsOn: Bool {
            switch self {
            case .answer, .neverAnswer, .closeAtOnce: true
            case .answerAtOnce, .neverRead: false
            }
        }

        var testDescription: String {
            switch self {
            case .answer(let bytes): "answer \(bytes.count) bytes"
            case .answerAtOnce(let bytes): "answer \(bytes.count) bytes at once"
            case .closeAtOnce: "close at once"
            case .neverAnswer: "never answer"
            case .neverRead: "never read"
            }
        }
    }

    let path: String
    let channel: any Channel

    /// Runs `body` against a fake that is stopped afterwards, whatever happens.
    static func with(_ behaviour: Behaviour, _ body: (FakeClamd) async throws -> Void) async throws {
        let fake = try await start(behaviour)
        do {
            try await body(fake)
        } catch {
            await fake.stop()
            throw error
        }
        await fake.stop()
    }

    static func start(_ behaviour: Behaviour) async throws -> FakeClamd {
        let path = "/tmp/guichet-fake-clamd-\(UUID().uuidString.prefix(13)).sock"
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelOption(ChannelOptions.autoRead, value: behaviour.readsOn)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FakeClamdHandler(behaviour: behaviour))
                }
            }
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true)
            .get()
        return FakeClamd(path: path, channel: channel)
    }

    func stop() async {
        try? await channel.close()
        try? FileManager.default.removeItem(atPath: path)
    }
}

private final class FakeClamdHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let behaviour: FakeClamd.Behaviour
    private var answered = false
    private var received = ByteBuffer()
    private var parsing = Parsing.command

    private enum Parsing {
        case command, chunkLength, chunk(remaining: Int)
    }

    init(behaviour: FakeClamd.Behaviour) {
        self.behaviour = behaviour
    }

    func channelActive(context: ChannelHandlerContext) {
        switch behaviour {
        case .closeAtOnce: context.close(promise: nil)
        // One read, not reading on: a client still sending finds the connection closed.
        case .answerAtOnce: context.read()
        case .answer, .neverAnswer, .neverRead: break
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        switch behaviour {
        case .answerAtOnce(let bytes):
            answer(bytes, context: context)
        case .answer(let bytes):
            var input = unwrapInboundIn(data)
            received.writeBuffer(&input)
            if commandIsComplete() { answer(bytes, context: context) }
        case .closeAtOnce, .neverAnswer, .neverRead:
            break
        }
    }

    private func answer(_ bytes: [UInt8], context: ChannelHandlerContext) {
        answered = true
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// Follows clamd's framing: the command up to its NUL, then for INSTREAM the chunks
    /// (4-byte big-endian length, bytes) up to a zero length.
    private func commandIsComplete() -> Bool {
        while true {
            switch parsing {
            case .command:
                guard let end = received.readableBytesView.firstIndex(of: 0) else { return false }
                let command = received.readString(length: end - received.readerIndex) ?? ""
                received.moveReaderIndex(forwardBy: 1)
                guard command == "zINSTREAM" else { return true }
                parsing = .chunkLength
            case .chunkLength:
                guard let length = received.readInteger(endianness: .big, as: UInt32.self) else { return false }
                if length == 0 { return true }
                parsing = .chunk(remaining: Int(length))
            case .chunk(let remaining):
                let skipped = min(remaining, received.readableBytes)
                received.moveReaderIndex(forwardBy: skipped)
                guard skipped == remaining else { parsing = .chunk(remaining: remaining - skipped); return false }
                parsing = .chunkLength
            }
            received.discardReadBytes()
        }
    }
}
