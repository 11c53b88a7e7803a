import FluentKit
import Foundation
import GuichetAdapters
import GuichetCore
@testable import GuichetOperations
import GuichetStore
import GuichetTestSupport
import Logging
import NIOPosix
import Testing

/// The outbox delivery job against a real SMTP server that is down, then up (SPEC §10).
@Suite struct OutboxOperationTests {
    func settings(_ sink: SMTPSink) -> SMTPSettings {
        var settings = SMTPSettings(host: "localhost", port: sink.port, security: .startTLS, username: "guichet",
                                    password: "mot de passe SMTP", caFile: sink.certificate.path)
        settings.timeout = 10
        return settings
    }

    func message() -> EmailMessage {
        EmailMessage(from: Mailbox("ne-pas-repondre@guichet.fr", name: "Guichet"), to: Mailbox("jeanne@exemple.fr"),
                     subject: "Votre référence : A-1-7KQ2M9XH4", text: "Bonjour,\n.point en début de ligne\nÀ bientôt.",
                     html: "<p>Bonjour</p>", date: Date(), messageID: "\(UUID())@guichet.fr")
    }

    @Test func messageWaitsWhileTheServerIsDownAndLeavesWhenItReturns() async throws {
        let sink = try SMTPSink()
        let transport = SMTPMailTransport(settings: settings(sink), eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        try await withPortal { app in
            let services = Services(clock: app.clock, mail: transport, sms: app.sms, speech: FakeSpeech(), passwords: TestPortal.passwords)
            try await OutboxQueue.enqueue(try Outbox.envelope(message(), sealer: app.guichet.secrets), on: app.db, now: app.clock.now())
            let down = try await OutboxDelivery.deliverDue(db: app.db, services: services, sealer: app.guichet.secrets, metrics: app.guichet.metrics, logger: Logger(label: "test"))
            #expect(down == OutboxDelivery.Report(sent: 0, retrying: 1, failed: 0))
            #expect(try await OutboxQueue.pendingCount(on: app.db) == 1)
            #expect(try await OutboxQueue.recent(limit: 1, on: app.db).first?.lastError?.contains("cannot connect") == true)

            try sink.start()
            app.clock.advance(by: DeliveryPolicy.retryDelay(afterAttempts: 1))
            let up = try await OutboxDelivery.deliverDue(db: app.db, services: services, sealer: app.guichet.secrets, metrics: app.guichet.metrics, logger: Logger(label: "test"))
            #expect(up.sent == 1)
            #expect(try sink.messages().count == 1)
            #expect(try await OutboxQueue.pendingCount(on: app.db) == 0)
        }
    }

}
