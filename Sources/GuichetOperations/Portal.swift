import Foundation
import GuichetCore
import GuichetStore

/// Everything the operations need besides a database handle, built once at start-up
/// by the composition root (GuichetServer) and shared by every front door.
public struct Guichet: Sendable {
    public let config: AppConfig
    public let services: Services
    public let postalCodes: PostalCodeDirectory
    public let townHalls: TownHallDirectory
    /// The procedures and organisations loaded from `PROCEDURES_DIR` at start-up.
    public let procedures: ProcedureCatalog
    public let metrics: any MetricsRecording
    public let blobs: any BlobStore
    /// Where uploads become PDF documents: a child process with limits in production.
    public let documents: any DocumentAssembling
    /// Seals the authenticator-app keys stored with the accounts.
    public let secrets: any SecretSealing
    public let qrCodes: any QRCodeEncoding
    public let captchaImages: any CaptchaRendering
    /// The addresses emails link to (the web front door's routes).
    public let links: any PortalLinks
    /// Scans every uploaded document before it can be served or transmitted.
    public let scanner: any VirusScanning

    public init(config: AppConfig, services: Services, postalCodes: PostalCodeDirectory, townHalls: TownHallDirectory,
                procedures: ProcedureCatalog, metrics: any MetricsRecording, blobs: any BlobStore, documents: any DocumentAssembling,
                secrets: any SecretSealing, qrCodes: any QRCodeEncoding, captchaImages: any CaptchaRendering,
                links: any PortalLinks, scanner: any VirusScanning) {
        self.config = config
        self.services = services
        self.postalCodes = postalCodes
        self.townHalls = townHalls
        self.procedures = procedures
        self.metrics = metrics
        self.blobs = blobs
        self.documents = documents
        self.secrets = secrets
        self.qrCodes = qrCodes
        self.captchaImages = captchaImages
        self.links = links
        self.scanner = scanner
    }

    /// The same portal with other services (tests swap one fake for another).
    public func with(services: Services) -> Guichet {
        Guichet(config: config, services: services, postalCodes: postalCodes, townHalls: townHalls, procedures: procedures,
                metrics: metrics, blobs: blobs, documents: documents, secrets: secrets, qrCodes: qrCodes,
                captchaImages: captchaImages, links: links, scanner: scanner)
    }

    /// The same portal with another virus scanner (tests stop it on purpose).
    public func with(scanner: any VirusScanning) -> Guichet {
        Guichet(config: config, services: services, postalCodes: postalCodes, townHalls: townHalls, procedures: procedures,
                metrics: metrics, blobs: blobs, documents: documents, secrets: secrets, qrCodes: qrCodes,
                captchaImages: captchaImages, links: links, scanner: scanner)
    }

    /// Composes emails with the portal's sender and address.
    public func mailer(now: Date) -> Mailer { Mailer(config: config, now: now, sealer: secrets) }

    /// Checks answers against the procedures' rules as of `now`.
    public func validationContext(now: Date) -> ValidationContext {
        ValidationContext(today: CalendarDate(now), postalCodes: postalCodes, townHalls: townHalls)
    }
}

/// Side effects that tests swap for recording fakes, and the injected clock.
public struct Services: Sendable {
    public var clock: any WallClock
    public var mail: any MailTransport
    public var sms: any SMSTransport
    public var speech: any SpeechSynthesizer
    public var passwords: any PasswordHashing
    /// POSTs the organisations' webhooks.
    public var webhooks: any WebhookTransport
    /// Draws dossier references (tests make it collide on purpose).
    public var references: @Sendable (DossierReference.Kind) -> DossierReference

    public init(clock: any WallClock, mail: any MailTransport, sms: any SMSTransport, speech: any SpeechSynthesizer,
                passwords: any PasswordHashing, webhooks: any WebhookTransport = NoWebhookTransport(),
                references: @escaping @Sendable (DossierReference.Kind) -> DossierReference = DossierReference.generate) {
        self.clock = clock
        self.mail = mail
        self.sms = sms
        self.speech = speech
        self.passwords = passwords
        self.webhooks = webhooks
        self.references = references
    }
}

/// Where no webhook can be delivered (a configuration without one, the commands that
/// never deliver): every attempt fails as a network error would, and is retried later.
public struct NoWebhookTransport: WebhookTransport {
    public init() {}

    public func post(_ request: WebhookRequest) async throws -> Int {
        throw WebhookTransportError.unreachable("no webhook transport in this process")
    }
}
