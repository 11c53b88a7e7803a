import FluentKit
import Foundation
import GuichetAdapters
import GuichetCore
import GuichetOperations
import GuichetStore
import Logging

/// A portal on its own fresh database, without any front door: what the operation
/// tests drive. An injected clock, recording fakes for email, SMS and speech, and the
/// real adapters (Argon2id, AES-GCM sealing, libqrencode, the document pool).
public struct TestPortal: Sendable {
    public static let captchaCode = "K7M4PX"
    /// The real Argon2id hasher, shared by every test portal of the process.
    public static let passwords = Argon2PasswordHasher()
    static let pool = BoundedPool(threads: 2, maximumWaiting: 16)

    /// The built `guichet` executable, whose `document-worker` checks each document in
    /// its own limited process, as in production.
    public static var workerExecutable: URL? {
        let binary = Corpus.repositoryRoot.appendingPathComponent(".build/debug/guichet")
        return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil
    }

    static func documents(_ config: AppConfig) -> any DocumentAssembling {
        config.documentWorker.map { SubprocessDocumentAssembler(executable: $0) } ?? InProcessDocumentAssembler(pool: pool)
    }

    public let guichet: Guichet
    public let clock: ManualClock
    public let mail: RecordingMailTransport
    public let sms: RecordingSMSTransport
    public let db: any Database
    public let database: TestDatabase

    /// The context of a call from a client at `address`.
    public func context(address: String = "203.0.113.7") -> OperationContext {
        OperationContext(guichet: guichet, db: db, clientAddress: address)
    }

    /// Delivers the outbox now, as the background worker would.
    @discardableResult
    public func deliverOutbox() async throws -> OutboxDelivery.Report {
        try await OutboxDelivery.deliverDue(db: db, services: guichet.services, sealer: guichet.secrets, metrics: guichet.metrics,
                                            logger: Logger(label: "test.outbox"))
    }

    /// The same portal with another virus scanner.
    public func with(scanner: any VirusScanning) -> TestPortal {
        TestPortal(guichet: guichet.with(scanner: scanner), clock: clock, mail: mail, sms: sms, db: db, database: database)
    }

    /// The EICAR test file, which every antivirus reports (built from two halves, so that
    /// no file of the project holds it whole).
    public static var eicar: Data {
        Data(("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").utf8)
    }

    /// The same portal with other services.
    public func with(_ change: (inout Services) -> Void) -> TestPortal {
        var services = guichet.services
        change(&services)
        return TestPortal(guichet: guichet.with(services: services), clock: clock, mail: mail, sms: sms, db: db, database: database)
    }
}

/// The paths emails link to in operation tests (the web front door has its own).
public struct TestLinks: PortalLinks {
    public init() {}

    public func path(_ target: LinkTarget) -> String {
        switch target {
        case .activate: "/activer"
        case .resetPassword: "/mot-de-passe"
        case .confirmEmailChange: "/adresse"
        case .activity: "/activite"
        case .activityDossier(let reference): "/activite/" + reference
        case .lookup: "/suivre"
        case .resume(let number): "/reprendre/" + number
        case .accountLinks: "/liaisons"
        case .agentInvitation: "/agents/invitation"
        }
    }
}

/// Runs `body` with a portal on a fresh migrated database (SQLite, or PostgreSQL when
/// `GUICHET_TEST_DATABASE_URL` is set); `adjust` changes the configuration first.
public func withPortal(_ adjust: (inout AppConfig) -> Void = { _ in },
                       _ body: (TestPortal) async throws -> Void) async throws {
    let database = try await TestDatabase.make()
    var config = AppConfig.embedded(mode: .testing, dataDirectory: database.directory)
    config.database = database.location
    config.captchaTestCode = TestPortal.captchaCode
    config.proceduresDirectory = Corpus.repositoryRoot.appendingPathComponent("Procedures", isDirectory: true)
    config.clamdSocket = try await ClamdServer.socketPath()
    config.documentWorker = TestPortal.workerExecutable
    adjust(&config)
    let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
    let mail = RecordingMailTransport()
    let sms = RecordingSMSTransport()
    let services = Services(clock: clock, mail: mail, sms: sms, speech: FakeSpeech(), passwords: TestPortal.passwords)
    let blobs: any BlobStore = config.blobStorage == .database
        ? DatabaseBlobStore(clock: { clock.now() }) : FileBlobStore(root: config.blobDirectory)
    let guichet = Guichet(config: config, services: services, postalCodes: ReferenceData.postalCodes,
                          townHalls: ReferenceData.townHalls,
                          procedures: try ProcedureLoader.load(directory: config.proceduresDirectory),
                          metrics: PrometheusMetrics(), blobs: blobs, documents: TestPortal.documents(config),
                          secrets: SecretSealer(key: Data((0..<32).map { UInt8($0) })), qrCodes: LibQRCodeEncoder(),
                          captchaImages: CaptchaImageRenderer(), links: TestLinks(),
                          scanner: config.clamdSocket.map { ClamdScanner(socketPath: $0) } ?? DisabledVirusScanner())
    do {
        try await TestDatabase.withDatabase(database.location) { _, db in
            try await body(TestPortal(guichet: guichet, clock: clock, mail: mail, sms: sms, db: db, database: database))
        }
    } catch {
        await database.drop()
        throw error
    }
    await database.drop()
}
