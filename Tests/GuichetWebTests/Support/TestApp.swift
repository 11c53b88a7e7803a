import Fluent
import Foundation
import GuichetCore
import GuichetStore
import GuichetTestSupport
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor
import VaporTesting

/// One application on its own fresh database, with an injected clock and recording
/// fakes for email, SMS and speech.
struct TestApp {
    static let captchaCode = "K7M4PX"
    /// The real Argon2id hasher, shared by every test application of the process.
    static let passwords = TestPortal.passwords

    let app: Application
    let clock: ManualClock
    let mail: RecordingMailTransport
    let sms: RecordingSMSTransport
    let database: TestDatabase

    var config: AppConfig { app.guichet.config }
    var db: any Database { app.db }

    /// A browser with its own cookies.
    func browser() -> TestBrowser { TestBrowser(app: app) }

    /// Delivers the outbox now, as the background worker would.
    @discardableResult
    func deliverOutbox() async throws -> OutboxDelivery.Report {
        try await OutboxDelivery.deliverDue(db: app.db, services: app.guichet.services, sealer: app.guichet.secrets, metrics: app.guichet.metrics,
                                            logger: app.logger)
    }
}

/// Runs `body` with a started application; `adjust` changes the configuration first.
func withApp(mode: AppConfig.Mode = .testing,
             database shared: TestDatabase? = nil,
             _ adjust: (inout AppConfig) -> Void = { _ in },
             _ body: (TestApp) async throws -> Void) async throws {
    let ownsDatabase = shared == nil
    let database: TestDatabase
    if let shared { database = shared } else { database = try await TestDatabase.make() }
    var config = AppConfig.embedded(mode: mode, dataDirectory: database.directory)
    config.database = database.location
    config.captchaTestCode = TestApp.captchaCode
    config.databasePoolSize = 2
    config.proceduresDirectory = Corpus.repositoryRoot.appendingPathComponent("Procedures", isDirectory: true)
    config.clamdSocket = try await ClamdServer.socketPath()
    config.documentWorker = TestPortal.workerExecutable
    adjust(&config)
    let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
    let mail = RecordingMailTransport()
    let sms = RecordingSMSTransport()
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        try await configure(app, config: config,
                            services: Services(clock: clock, mail: mail, sms: sms, speech: FakeSpeech(),
                                             passwords: TestApp.passwords))
        try await body(TestApp(app: app, clock: clock, mail: mail, sms: sms, database: database))
    } catch {
        try? await app.asyncShutdown()
        if ownsDatabase { await database.drop() }
        throw error
    }
    try await app.asyncShutdown()
    if ownsDatabase { await database.drop() }
}
