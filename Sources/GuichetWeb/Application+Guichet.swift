import Foundation
import GuichetCore
import GuichetStore
import Vapor

/// Everything the portal needs besides Vapor's own services, built once at start-up
/// and reached through `app.guichet` / `req.guichet`.
public struct Guichet: Sendable {
    public let config: AppConfig
    public let services: Services
    public let postalCodes: PostalCodeDirectory
    public let townHalls: TownHallDirectory
    /// The procedures and organisations loaded from `PROCEDURES_DIR` at start-up.
    public let procedures: ProcedureCatalog
    public let assets: AssetCatalog
    public let metrics: AppMetrics
    public let blobs: any BlobStore
    /// Where PDF documents are assembled, off the event loops.
    public let documentPool: BoundedPool
    /// Seals the authenticator-app keys stored with the accounts.
    public let secrets: SecretSealer

    /// The same portal with other services (tests swap one fake for another).
    public func with(services: Services) -> Guichet {
        Guichet(config: config, services: services, postalCodes: postalCodes, townHalls: townHalls, procedures: procedures,
                assets: assets, metrics: metrics, blobs: blobs, documentPool: documentPool, secrets: secrets)
    }
}

/// Side effects behind protocols, so tests can swap in recording fakes and an
/// injected clock.
public struct Services: Sendable {
    public var clock: any WallClock
    public var mail: any MailTransport
    public var sms: any SMSTransport
    public var speech: any SpeechSynthesizer
    public var passwords: any PasswordHashing
    /// Draws dossier references (tests make it collide on purpose).
    public var references: @Sendable (DossierReference.Kind) -> DossierReference

    public init(clock: any WallClock, mail: any MailTransport, sms: any SMSTransport, speech: any SpeechSynthesizer,
                passwords: any PasswordHashing,
                references: @escaping @Sendable (DossierReference.Kind) -> DossierReference = DossierReference.generate) {
        self.clock = clock
        self.mail = mail
        self.sms = sms
        self.speech = speech
        self.passwords = passwords
        self.references = references
    }

    /// The real implementations for a configuration: SMTP when `SMTP_URL` is set,
    /// otherwise `.eml` files in the outbox folder; the SMS gateway when
    /// `SMS_GATEWAY_URL` is set, otherwise text files.
    public static func live(config: AppConfig, eventLoopGroup: any EventLoopGroup, client: any Client) -> Services {
        let mail: any MailTransport = config.smtp.map { SMTPMailTransport(settings: $0, eventLoopGroup: eventLoopGroup) }
            ?? FileMailTransport(directory: config.outboxDirectory)
        let sms: any SMSTransport = config.smsGatewayURL.map { HTTPSMSTransport(url: $0, client: client) }
            ?? FileSMSTransport(directory: config.outboxDirectory.appendingPathComponent("sms", isDirectory: true))
        return Services(
            clock: SystemClock(),
            mail: mail,
            sms: sms,
            speech: EspeakSynthesizer(executable: config.espeakPath),
            passwords: Argon2PasswordHasher()
        )
    }
}

extension Application {
    private struct GuichetKey: StorageKey { typealias Value = Guichet }

    public var guichet: Guichet {
        get {
            guard let value = storage[GuichetKey.self] else {
                fatalError("configure(_:config:services:) has not run")
            }
            return value
        }
        set { storage[GuichetKey.self] = newValue }
    }
}

extension Request {
    public var guichet: Guichet { application.guichet }
    /// The current time from the injected clock.
    public var now: Date { application.guichet.services.clock.now() }
}
