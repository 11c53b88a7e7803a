import AsyncHTTPClient
import Foundation
import GuichetAdapters
import GuichetCore
import GuichetOperations
import NIOCore

/// The real implementations of the services for a configuration.
public enum LiveServices {
    /// SMTP when `SMTP_URL` is set, otherwise `.eml` files in the outbox folder; the SMS
    /// gateway when `SMS_GATEWAY_URL` is set, otherwise text files.
    public static func make(config: AppConfig, eventLoopGroup: any EventLoopGroup, httpClient: HTTPClient = .shared) -> Services {
        let mail: any MailTransport = config.smtp.map { SMTPMailTransport(settings: $0, eventLoopGroup: eventLoopGroup) }
            ?? FileMailTransport(directory: config.outboxDirectory)
        let sms: any SMSTransport = config.smsGatewayURL.map { HTTPSMSTransport(url: $0, client: httpClient) }
            ?? FileSMSTransport(directory: config.outboxDirectory.appendingPathComponent("sms", isDirectory: true))
        return Services(
            clock: SystemClock(),
            mail: mail,
            sms: sms,
            speech: EspeakSynthesizer(executable: config.espeakPath),
            passwords: Argon2PasswordHasher(),
            // Outside production, receivers on this machine are allowed (tests run one).
            webhooks: HTTPWebhookTransport(eventLoopGroup: eventLoopGroup, allowInternalAddresses: !config.isProduction)
        )
    }
}
