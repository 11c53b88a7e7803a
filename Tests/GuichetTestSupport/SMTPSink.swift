import Foundation

/// The real SMTP server of `Tests/tools/smtp_sink.py` (Python aiosmtpd), started and
/// stopped by the test, with a self-signed certificate for `localhost`.
public final class SMTPSink: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    public let certificate: URL
    private var process: Process?
    private var input: Pipe?
    private let tls: Bool
    private let credentials: (user: String, password: String)?

    static var repositoryRoot: URL { Corpus.repositoryRoot }

    public init(tls: Bool = true, credentials: (user: String, password: String)? = ("guichet", "mot de passe SMTP")) throws {
        port = freeLocalPort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)")
        certificate = folder.appendingPathComponent("cert.pem")
        self.tls = tls
        self.credentials = credentials
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("mail"), withIntermediateDirectories: true)
        if tls { try makeCertificate() }
    }

    private func makeCertificate() throws {
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                             "-addext", "subjectAltName=DNS:localhost", "-keyout", folder.appendingPathComponent("key.pem").path,
                             "-out", certificate.path]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw SinkError(description: "openssl could not make a test certificate") }
    }

    public func start() throws {
        let python = Self.repositoryRoot.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else { throw SinkError(description: "Python test tools missing: run `make deps`") }
        let process = Process()
        process.executableURL = python
        var arguments = [Self.repositoryRoot.appendingPathComponent("Tests/tools/smtp_sink.py").path,
                         "--port", String(port), "--dir", folder.appendingPathComponent("mail").path]
        if tls {
            arguments += ["--cert", certificate.path, "--key", folder.appendingPathComponent("key.pem").path]
        }
        if let credentials { arguments += ["--user", credentials.user, "--password", credentials.password] }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        // The sink stops when this end closes, even if the test process dies.
        let input = Pipe()
        process.standardInput = input
        self.input = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // Wait for "ready PORT".
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("ready") else { throw SinkError(description: "the SMTP sink did not start: \(line)") }
    }

    public func stop() {
        guard let process, process.isRunning else { return }
        try? input?.fileHandleForWriting.close()
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
    }

    /// The messages received so far, as text.
    public func messages() throws -> [String] {
        let mail = folder.appendingPathComponent("mail")
        return try FileManager.default.contentsOfDirectory(atPath: mail.path).filter { $0.hasSuffix(".eml") }.sorted()
            .map { try String(contentsOf: mail.appendingPathComponent($0), encoding: .utf8) }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

struct SinkError: Error, CustomStringConvertible {
    let description: String
}
