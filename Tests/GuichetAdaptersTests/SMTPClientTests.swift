import Foundation
import GuichetCore
import GuichetTestSupport
import NIOPosix
import Testing
@testable import GuichetAdapters

/// Delivery through a real SMTP server on 127.0.0.1 (STARTTLS, AUTH).
@Suite struct SMTPClientTests {
    func settings(_ sink: SMTPSink, user: String = "guichet", password: String = "mot de passe SMTP") -> SMTPSettings {
        var settings = SMTPSettings(host: "localhost", port: sink.port, security: .startTLS, username: user,
                                    password: password, caFile: sink.certificate.path)
        settings.timeout = 10
        return settings
    }

    func message(to recipient: String = "jeanne@exemple.fr") -> EmailMessage {
        EmailMessage(from: Mailbox("ne-pas-repondre@guichet.fr", name: "Guichet"), to: Mailbox(recipient),
                     subject: "Votre référence : A-1-7KQ2M9XH4", text: "Bonjour,\n.point en début de ligne\nÀ bientôt.",
                     html: "<p>Bonjour</p>", date: Date(), messageID: "\(UUID())@guichet.fr")
    }

    @Test func deliversOverSTARTTLSWithAuthentication() async throws {
        let sink = try SMTPSink()
        try sink.start()
        let transport = SMTPMailTransport(settings: settings(sink), eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        try await transport.send(message())
        let received = try sink.messages()
        #expect(received.count == 1)
        let mail = try #require(received.first)
        #expect(mail.contains("X-Sink-TLS: yes"))
        #expect(mail.contains("X-Sink-User: guichet"))
        #expect(mail.contains("X-Sink-From: ne-pas-repondre@guichet.fr"))
        #expect(mail.contains("X-Sink-To: jeanne@exemple.fr"))
        #expect(mail.contains("Subject: =?UTF-8?B?"))
        #expect(mail.contains("=2Epoint en d=C3=A9but de ligne"))
    }

    @Test func refusedRecipientIsAPermanentFailure() async throws {
        let sink = try SMTPSink()
        try sink.start()
        let transport = SMTPMailTransport(settings: settings(sink), eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        await #expect {
            try await transport.send(message(to: "refuse@exemple.fr"))
        } throws: { error in
            guard case .permanent(let reason)? = error as? DeliveryFailure else { return false }
            return reason.contains("550")
        }
    }

    @Test func wrongPasswordKeepsTheMessageForLater() async throws {
        let sink = try SMTPSink()
        try sink.start()
        let transport = SMTPMailTransport(settings: settings(sink, password: "faux"), eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        await #expect {
            try await transport.send(message())
        } throws: { error in
            guard case .transient(let reason)? = error as? DeliveryFailure else { return false }
            return reason.contains("535")
        }
        #expect(try sink.messages().isEmpty)
    }

    @Test func refusesToSendInClearWhenTheServerOffersNoSTARTTLS() async throws {
        let sink = try SMTPSink(tls: false, credentials: nil)
        try sink.start()
        var plain = settings(sink)
        plain.caFile = nil
        let transport = SMTPMailTransport(settings: plain, eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        await #expect {
            try await transport.send(message())
        } throws: { error in
            guard case .transient(let reason)? = error as? DeliveryFailure else { return false }
            return reason.contains("STARTTLS")
        }
        #expect(try sink.messages().isEmpty)
    }

    @Test func untrustedCertificateIsRefused() async throws {
        let sink = try SMTPSink()
        try sink.start()
        var untrusting = settings(sink)
        untrusting.caFile = nil
        let transport = SMTPMailTransport(settings: untrusting, eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        await #expect(throws: DeliveryFailure.self) { try await transport.send(message()) }
        #expect(try sink.messages().isEmpty)
    }

    @Test func localRelayWithoutEncryption() async throws {
        let sink = try SMTPSink(tls: false, credentials: nil)
        try sink.start()
        let relay = SMTPSettings(host: "127.0.0.1", port: sink.port, security: .none)
        try await SMTPMailTransport(settings: relay, eventLoopGroup: MultiThreadedEventLoopGroup.singleton).send(message())
        #expect(try sink.messages().first?.contains("X-Sink-TLS: no") == true)
    }

    @Test func dotStuffingDoublesLeadingDots() {
        #expect(SMTPClient.dotStuffed(".a\r\nb\r\n..c") == "..a\r\nb\r\n...c\r\n")
        #expect(SMTPClient.dotStuffed("a\nb\n") == "a\r\nb\r\n")
    }
}
