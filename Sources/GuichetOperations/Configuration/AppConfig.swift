import Foundation
import GuichetCore
import GuichetStore

/// Every setting of a running portal, read once from the environment at start-up
/// (see `docs/configuration.md`). Defaults give the embedded mode: SQLite and files
/// under `DATA_DIR`, emails written to `DATA_DIR/outbox`.
public struct AppConfig: Sendable {
    public enum Mode: String, Sendable { case development, testing, production }
    public enum LogFormat: String, Sendable { case text, json }

    public var mode: Mode
    public var dataDirectory: URL
    public var database: DatabaseLocation
    public var databasePoolSize: Int
    /// The public address of the portal, used in emails and to decide on secure cookies.
    public var baseURL: URL
    public var mailFrom: Mailbox
    public var supportEmail: String
    public var smtp: SMTPSettings?
    public var smsGatewayURL: URL?
    /// Outside production only: every captcha's code, so automated tests can solve it.
    public var captchaTestCode: String?
    public var metricsToken: String?
    /// How many proxies in front of the portal append to `X-Forwarded-For`
    /// (`TRUST_PROXY_HOPS`); 0: the socket's peer is the client.
    public var trustedProxyHops: Int
    /// Whether the client address is read from `X-Forwarded-For` (behind one proxy at least).
    public var trustProxyHeaders: Bool {
        get { trustedProxyHops > 0 }
        set { trustedProxyHops = newValue ? max(trustedProxyHops, 1) : 0 }
    }
    public var outboxPollInterval: TimeInterval
    public var autoMigrate: Bool
    /// Whether `serve` loads the shipped directory (town halls and sample) into a
    /// database that does not hold it yet, in the background.
    public var loadsShippedDirectory: Bool
    public var logFormat: LogFormat
    /// Where the `espeak-ng` speech engine is (captcha audio).
    public var espeakPath: String
    public enum BlobStorage: String, Sendable { case files, database }
    /// Where wallet documents are kept: files under `DATA_DIR/blobs`, or the database.
    public var blobStorage: BlobStorage
    /// Space each account may use in its wallet.
    public var walletQuotaBytes: Int
    /// The procedure definitions and `organisations.json` (see `docs/procedures.md`).
    public var proceduresDirectory: URL
    /// `SECRET_KEY`: seals authenticator-app keys. Nil: `secretKeyFile`, made at first start.
    public var secretKey: Data?
    /// The executable whose `document-worker` command checks each document in its own
    /// limited process (`DOCUMENT_WORKER`; `guichet serve` uses itself). Nil: in-process.
    public var documentWorker: URL?
    /// `CLAMD_SOCKET`: ClamAV's daemon, which scans every upload. Nil (embedded mode
    /// only): uploads are not scanned.
    public var clamdSocket: String?
    /// Requests a minute each partner-API key may make (`PARTNER_RATE_LIMIT`).
    public var partnerRateLimit: Int

    public var isProduction: Bool { mode == .production }
    public var usesHTTPS: Bool { baseURL.scheme == "https" }
    public var outboxDirectory: URL { dataDirectory.appendingPathComponent("outbox", isDirectory: true) }
    public var blobDirectory: URL { dataDirectory.appendingPathComponent("blobs", isDirectory: true) }
    /// Uploads being received and documents being assembled (removed after each request).
    public var workDirectory: URL { dataDirectory.appendingPathComponent("tmp", isDirectory: true) }
    public var secretKeyFile: URL { dataDirectory.appendingPathComponent("secret.key") }

    /// The defaults of the embedded mode, rooted at `dataDirectory`.
    public static func embedded(mode: Mode = .development, dataDirectory: URL) -> AppConfig {
        AppConfig(
            mode: mode,
            dataDirectory: dataDirectory,
            database: .sqlite(path: dataDirectory.appendingPathComponent("guichet.sqlite").path),
            databasePoolSize: 4,
            baseURL: URL(string: "http://127.0.0.1:8080")!,
            mailFrom: Mailbox("ne-pas-repondre@guichet.localhost", name: "Guichet"),
            supportEmail: "support@guichet.localhost",
            smtp: nil,
            smsGatewayURL: nil,
            captchaTestCode: nil,
            metricsToken: nil,
            trustedProxyHops: 0,
            outboxPollInterval: 5,
            autoMigrate: true,
            loadsShippedDirectory: true,
            logFormat: .text,
            espeakPath: "/usr/bin/espeak-ng",
            blobStorage: .files,
            walletQuotaBytes: 100 * 1000 * 1000,
            proceduresDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                .appendingPathComponent("Procedures", isDirectory: true),
            secretKey: nil,
            documentWorker: nil,
            clamdSocket: nil,
            partnerRateLimit: 600
        )
    }
}

/// A setting that cannot be used: the server refuses to start and says which and why.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let variable: String
    public let problem: String

    public init(variable: String, problem: String) {
        self.variable = variable
        self.problem = problem
    }

    public var description: String { "Invalid configuration: \(variable): \(problem)" }
}
