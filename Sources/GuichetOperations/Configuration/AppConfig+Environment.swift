import Foundation
import GuichetCore
import GuichetStore

extension AppConfig {
    /// Reads the configuration from environment variables, failing fast on a bad value.
    public static func load(mode: Mode, environment: [String: String] = ProcessInfo.processInfo.environment,
                            workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> AppConfig {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }

        let dataPath = value("DATA_DIR") ?? "data"
        let dataDirectory = dataPath.hasPrefix("/")
            ? URL(fileURLWithPath: dataPath, isDirectory: true)
            : workingDirectory.appendingPathComponent(dataPath, isDirectory: true)
        var config = AppConfig.embedded(mode: mode, dataDirectory: dataDirectory.standardizedFileURL)

        if let url = value("DATABASE_URL") {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigurationError(variable: "DATABASE_URL", problem: "expected postgres://user:password@host:port/database")
            }
            // In production a database beyond this machine is reached over TLS only (the
            // driver's default, `prefer`, would silently fall back to plain text).
            if mode == .production, let components = URLComponents(string: url), !Self.isLoopback(components.host) {
                let mode = components.queryItems?.last { ["tlsmode", "sslmode", "ssl", "tls"].contains($0.name.lowercased()) }?.value
                guard let mode, ["require", "verify-full", "verify-ca"].contains(mode) else {
                    throw ConfigurationError(variable: "DATABASE_URL",
                                             problem: "in production a remote database needs TLS: add ?sslmode=require (the certificate is verified)")
                }
            }
            config.database = .postgres(url: url)
        }
        if let size = value("DATABASE_POOL_SIZE") {
            guard let number = Int(size), (1...100).contains(number) else {
                throw ConfigurationError(variable: "DATABASE_POOL_SIZE", problem: "expected a number from 1 to 100")
            }
            config.databasePoolSize = number
        }
        if let base = value("BASE_URL") {
            guard let url = URL(string: base), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
                  url.path.isEmpty || url.path == "/" else {
                throw ConfigurationError(variable: "BASE_URL", problem: "expected an origin such as https://guichet.example.fr")
            }
            if mode == .production, url.scheme != "https" {
                throw ConfigurationError(variable: "BASE_URL", problem: "must be an https address in production (cookies and links would travel in clear)")
            }
            config.baseURL = URL(string: base.hasSuffix("/") ? String(base.dropLast()) : base)!
        } else if mode == .production {
            throw ConfigurationError(variable: "BASE_URL", problem: "required in production (the https address of the portal)")
        }
        if let from = value("MAIL_FROM") {
            guard let address = EmailAddress(from) else {
                throw ConfigurationError(variable: "MAIL_FROM", problem: "expected an email address")
            }
            config.mailFrom = Mailbox(address.value, name: value("MAIL_FROM_NAME") ?? "Guichet")
        }
        if let support = value("SUPPORT_EMAIL") {
            guard let address = EmailAddress(support) else {
                throw ConfigurationError(variable: "SUPPORT_EMAIL", problem: "expected an email address")
            }
            config.supportEmail = address.value
        }
        if let smtp = value("SMTP_URL") {
            do {
                config.smtp = try SMTPSettings(url: smtp, caFile: value("SMTP_CA_FILE"))
            } catch let error as SMTPSettings.URLError {
                throw ConfigurationError(variable: "SMTP_URL", problem: error.description)
            }
        } else if mode == .production {
            throw ConfigurationError(variable: "SMTP_URL", problem: "required in production (smtp://user:password@host:587)")
        }
        if let gateway = value("SMS_GATEWAY_URL") {
            guard let url = URL(string: gateway), ["http", "https"].contains(url.scheme ?? "") else {
                throw ConfigurationError(variable: "SMS_GATEWAY_URL", problem: "expected an http(s) URL")
            }
            // The messages carry sign-in codes.
            guard mode != .production || url.scheme == "https" || Self.isLoopback(url.host) else {
                throw ConfigurationError(variable: "SMS_GATEWAY_URL", problem: "must use https in production (the messages carry sign-in codes)")
            }
            config.smsGatewayURL = url
        }
        if let code = value("CAPTCHA_TEST_CODE") {
            guard mode != .production else {
                throw ConfigurationError(variable: "CAPTCHA_TEST_CODE", problem: "refused in production: it would disable the captcha")
            }
            guard (4...10).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw ConfigurationError(variable: "CAPTCHA_TEST_CODE", problem: "expected 4 to 10 letters or digits")
            }
            config.captchaTestCode = code.uppercased()
        }
        if let key = value("SECRET_KEY") {
            guard let data = SecretKey.decode(base64: key) else {
                throw ConfigurationError(variable: "SECRET_KEY", problem: "expected 32 random bytes in base64 (openssl rand -base64 32)")
            }
            config.secretKey = data
        } else if mode == .production, config.database.isPostgres {
            throw ConfigurationError(variable: "SECRET_KEY",
                                     problem: "required in production with DATABASE_URL: every instance needs the same key (openssl rand -base64 32)")
        }
        if let socket = value("CLAMD_SOCKET") {
            guard socket.hasPrefix("/"), socket.utf8.count < 108 else {
                throw ConfigurationError(variable: "CLAMD_SOCKET", problem: "expected the absolute path of clamd's local socket")
            }
            config.clamdSocket = socket
        } else if mode == .production {
            throw ConfigurationError(variable: "CLAMD_SOCKET",
                                     problem: "required in production: every upload is scanned by ClamAV's daemon (e.g. /run/clamav/clamd.ctl)")
        }
        if let worker = value("DOCUMENT_WORKER") {
            guard worker.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: worker) else {
                throw ConfigurationError(variable: "DOCUMENT_WORKER", problem: "expected the absolute path of the guichet executable")
            }
            config.documentWorker = URL(fileURLWithPath: worker)
        }
        config.metricsToken = value("METRICS_TOKEN")
        config.trustProxyHeaders = try flag("TRUST_PROXY", value("TRUST_PROXY")) ?? false
        if let hops = value("TRUST_PROXY_HOPS") {
            guard let number = Int(hops), (0...10).contains(number) else {
                throw ConfigurationError(variable: "TRUST_PROXY_HOPS", problem: "expected the number of proxies in front of the portal, from 0 to 10")
            }
            config.trustedProxyHops = number
        }
        if let limit = value("PARTNER_RATE_LIMIT") {
            guard let number = Int(limit), (1...1_000_000).contains(number) else {
                throw ConfigurationError(variable: "PARTNER_RATE_LIMIT", problem: "expected requests a minute per partner-API key, from 1 to 1000000")
            }
            config.partnerRateLimit = number
        }
        config.autoMigrate = try flag("AUTO_MIGRATE", value("AUTO_MIGRATE")) ?? true
        config.loadsShippedDirectory = try flag("SHIPPED_DIRECTORY", value("SHIPPED_DIRECTORY")) ?? true
        if let interval = value("OUTBOX_POLL_SECONDS") {
            guard let seconds = Double(interval), seconds >= 0.1, seconds <= 3600 else {
                throw ConfigurationError(variable: "OUTBOX_POLL_SECONDS", problem: "expected seconds between 0.1 and 3600")
            }
            config.outboxPollInterval = seconds
        }
        if let format = value("LOG_FORMAT") {
            guard let parsed = LogFormat(rawValue: format) else {
                throw ConfigurationError(variable: "LOG_FORMAT", problem: "expected text or json")
            }
            config.logFormat = parsed
        } else if mode == .production {
            config.logFormat = .json
        }
        if let espeak = value("ESPEAK_PATH") { config.espeakPath = espeak }
        if let storage = value("BLOB_STORE") {
            guard let parsed = BlobStorage(rawValue: storage) else {
                throw ConfigurationError(variable: "BLOB_STORE", problem: "expected files or database")
            }
            config.blobStorage = parsed
        }
        if let quota = value("WALLET_QUOTA_MB") {
            guard let megabytes = Int(quota), (1...100_000).contains(megabytes) else {
                throw ConfigurationError(variable: "WALLET_QUOTA_MB", problem: "expected megabytes from 1 to 100000")
            }
            config.walletQuotaBytes = megabytes * 1000 * 1000
        }
        if let procedures = value("PROCEDURES_DIR") {
            config.proceduresDirectory = procedures.hasPrefix("/")
                ? URL(fileURLWithPath: procedures, isDirectory: true)
                : workingDirectory.appendingPathComponent(procedures, isDirectory: true)
        } else {
            config.proceduresDirectory = workingDirectory.appendingPathComponent("Procedures", isDirectory: true)
        }
        return config
    }

    private static func flag(_ name: String, _ raw: String?) throws -> Bool? {
        guard let raw else { return nil }
        switch raw.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(variable: name, problem: "expected true or false")
        }
    }

    /// This machine: a connection that never crosses a network.
    static func isLoopback(_ host: String?) -> Bool {
        guard let host = host?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]")) else { return false }
        return host == "localhost" || IPAddress(host)?.isLoopback == true
    }
}
