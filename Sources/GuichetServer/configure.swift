import Fluent
import Foundation
import GuichetAdapters
import GuichetCore
import GuichetOperations
import GuichetPartnerAPI
import GuichetStore
import GuichetWeb
import Vapor

/// Wires the portal into a Vapor application: database, the portal's services and
/// adapters, the citizen site, the partner API, and the background workers. Tests call it with their own
/// configuration and fake services.
public func configure(_ app: Application, config: AppConfig, services: Services? = nil,
                      startWorkers: Bool = false) async throws {
    try FileManager.default.createDirectory(at: config.dataDirectory, withIntermediateDirectories: true)
    try app.databases.use(config.database, poolSize: config.databasePoolSize)
    app.migrations.add(AllMigrations.list)

    let services = services ?? LiveServices.make(config: config, eventLoopGroup: app.eventLoopGroup)
    let clock = services.clock
    // A definition error stops the start with every problem listed.
    let procedures = try ProcedureLoader.load(directory: config.proceduresDirectory)
    let documentPool = BoundedPool(maximumWaiting: 16)
    // Each document is checked in its own limited process when the worker is available
    // (the `guichet` executable itself); otherwise on the pool.
    let documents: any DocumentAssembling = config.documentWorker.map { SubprocessDocumentAssembler(executable: $0) }
        ?? InProcessDocumentAssembler(pool: documentPool)
    let guichet = Guichet(
        config: config,
        services: services,
        postalCodes: ReferenceData.postalCodes,
        townHalls: ReferenceData.townHalls,
        procedures: procedures,
        metrics: PrometheusMetrics(),
        blobs: config.blobStorage == .database
            ? DatabaseBlobStore(clock: { clock.now() })
            : FileBlobStore(root: config.blobDirectory),
        documents: documents,
        secrets: SecretSealer(key: try await secretKey(config, app: app)),
        qrCodes: LibQRCodeEncoder(),
        captchaImages: CaptchaImageRenderer(),
        links: SiteLinks(),
        scanner: config.clamdSocket.map { ClamdScanner(socketPath: $0) } ?? DisabledVirusScanner()
    )
    app.lifecycle.use(PoolShutdown(pool: documentPool))
    try WebSite.install(on: app, guichet: guichet)
    try PartnerAPI.install(on: app, guichet: guichet)
    // Order matters: the log sees the final status of both front doors.
    app.middleware = Middlewares()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(FrontDoorMiddleware(api: PartnerAPI.middleware(), site: WebSite.middleware()))
    if startWorkers {
        app.lifecycle.use(BackgroundWorkers())
    }
}

/// `SECRET_KEY`, or the embedded mode's `secret.key` — made at the first start only: if
/// the file is missing while the database holds values sealed with it (a restored
/// database, a lost file), a new key would silently make them unreadable, so the start
/// is refused with the reason.
func secretKey(_ config: AppConfig, app: Application) async throws -> Data {
    if let key = config.secretKey { return key }
    if !FileManager.default.fileExists(atPath: config.secretKeyFile.path) {
        let sealed = (try? await Accounts.sealedValues(on: app.db)) ?? 0
        if sealed > 0 {
            throw ConfigurationError(variable: "SECRET_KEY", problem: """
                \(config.secretKeyFile.path) is missing but the database holds \(sealed) value(s) sealed with it \
                (authenticator keys, queued messages, webhook secrets): restore that file or set SECRET_KEY to the key it held
                """)
        }
    }
    return try SecretKeyFile.loadOrCreate(at: config.secretKeyFile)
}

/// Prepares the database before serving: SQLite in write-ahead-log mode (readers do
/// not block the writer) and, unless `AUTO_MIGRATE=false`, pending migrations.
public func prepareDatabase(_ app: Application) async throws {
    if case .sqlite = app.guichet.config.database {
        _ = try await app.db.sql.raw("PRAGMA journal_mode=WAL").all()
    }
    if app.guichet.config.autoMigrate {
        try await app.autoMigrate()
    }
    // The shipped town halls and sample, once per version of the files, in the
    // background: the first start of a new database serves at once and the directory
    // fills within seconds (a minute for a debug build).
    if app.guichet.config.loadsShippedDirectory {
        let context = OperationContext(guichet: app.guichet, db: app.db, clientAddress: "démarrage")
        let logger = app.logger
        Task.detached(priority: .utility) {
            do {
                if try await DirectoryImport.loadShipped(in: context) {
                    let bodies = try await DirectoryImport.count(in: context)
                    logger.notice("loaded the shipped directory", metadata: ["bodies": .stringConvertible(bodies)])
                }
            } catch {
                logger.error("the shipped directory could not be loaded; the next start tries again", metadata: [
                    "error_type": .string(String(reflecting: type(of: error))),
                ])
            }
        }
    }
    let report = try await StartupCleanup.run(guichet: app.guichet, db: app.db, now: app.guichet.services.clock.now())
    if report != StartupCleanup.Report() {
        app.logger.notice("removed what an interrupted process left", metadata: [
            "work_folders": .stringConvertible(report.workFolders), "incomplete_writes": .stringConvertible(report.incompleteWrites),
            "orphan_blobs": .stringConvertible(report.orphanBlobs),
        ])
    }
}

/// Stops the document pool's threads with the application.
private struct PoolShutdown: LifecycleHandler {
    let pool: BoundedPool

    func shutdownAsync(_ application: Application) async {
        await pool.shutdown()
    }
}
