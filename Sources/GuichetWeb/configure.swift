import Fluent
import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// Wires the portal into a Vapor application: database, services, middleware, routes
/// and commands. Tests call it with their own configuration and fake services.
public func configure(_ app: Application, config: AppConfig, services: Services? = nil,
                      startWorkers: Bool = false) async throws {
    try FileManager.default.createDirectory(at: config.dataDirectory, withIntermediateDirectories: true)
    try app.databases.use(config.database, poolSize: config.databasePoolSize)
    app.migrations.add(AllMigrations.list)

    let services = services ?? .live(config: config, eventLoopGroup: app.eventLoopGroup, client: app.client)
    let clock = services.clock
    // A definition error stops the start with every problem listed.
    let procedures = try ProcedureLoader.load(directory: config.proceduresDirectory)
    app.guichet = Guichet(
        config: config,
        services: services,
        postalCodes: ReferenceData.postalCodes,
        townHalls: ReferenceData.townHalls,
        procedures: procedures,
        assets: try AssetCatalog.bundled(),
        metrics: AppMetrics(),
        blobs: config.blobStorage == .database
            ? DatabaseBlobStore(clock: { clock.now() })
            : FileBlobStore(root: config.blobDirectory),
        documentPool: BoundedPool(maximumWaiting: 16),
        secrets: SecretSealer(key: try config.secretKey ?? SecretKeyFile.loadOrCreate(at: config.secretKeyFile))
    )
    app.lifecycle.use(PoolShutdown())

    // Order matters: logging sees the final status; security headers apply to error
    // pages too; errors become pages before the session is saved.
    app.middleware = Middlewares()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(SessionMiddleware())
    app.middleware.use(CSRFMiddleware())
    app.routes.defaultMaxBodySize = "64kb"
    app.routes.caseInsensitive = false

    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(DeliverOutboxCommand(), as: "deliver-outbox")
    app.asyncCommands.use(PurgeCommand(), as: "purge")
    app.asyncCommands.use(DossierStatusCommand(), as: "dossier-status")

    if startWorkers {
        app.lifecycle.use(BackgroundWorkers())
    }
    routes(app)
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
}

/// Stops the document pool's threads with the application.
private struct PoolShutdown: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.guichet.documentPool.shutdown()
    }
}
