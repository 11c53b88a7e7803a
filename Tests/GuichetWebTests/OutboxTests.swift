import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct OutboxTests {
    func queueQuestion(_ app: TestApp) async throws {
        let browser = app.browser()
        let form = try await browser.get("/aide/poser-une-question")
        #expect(try await browser.post("/aide/poser-une-question", ContactTests.fields(form)).status == .seeOther)
    }

    @Test func requestNeverWaitsOnDelivery() async throws {
        try await withApp { app in
            app.mail.fail(with: .transient("server down"))
            try await queueQuestion(app)
            #expect(app.mail.sent.isEmpty)
            #expect(try await OutboxQueue.pendingCount(on: app.db) == 2)
        }
    }

    @Test func failedDeliveryIsKeptAndRetriedUntilItWorks() async throws {
        try await withApp { app in
            try await queueQuestion(app)
            app.mail.fail(with: .transient("connection refused"))
            #expect(try await app.deliverOutbox() == OutboxDelivery.Report(sent: 0, retrying: 2, failed: 0))
            // Not before the backoff…
            app.clock.advance(by: 29)
            #expect(try await app.deliverOutbox().attempted == 0)
            // …then again, still failing, with a longer wait.
            app.clock.advance(by: 1)
            #expect(try await app.deliverOutbox().retrying == 2)
            app.clock.advance(by: 59)
            #expect(try await app.deliverOutbox().attempted == 0)
            // The server comes back.
            app.mail.fail(with: nil)
            app.clock.advance(by: 1)
            #expect(try await app.deliverOutbox().sent == 2)
            #expect(app.mail.sent.count == 2)
            #expect(try await OutboxQueue.pendingCount(on: app.db) == 0)
            let records = try await OutboxQueue.recent(limit: 10, on: app.db)
            #expect(records.allSatisfy { $0.status == .sent && $0.attempts == 3 })
        }
    }

    @Test func permanentRefusalIsRecorded() async throws {
        try await withApp { app in
            try await queueQuestion(app)
            app.mail.fail(with: .permanent("550 no such mailbox"))
            #expect(try await app.deliverOutbox().failed == 2)
            let records = try await OutboxQueue.recent(limit: 10, on: app.db)
            #expect(records.allSatisfy { $0.status == .failed && $0.lastError == "550 no such mailbox" })
        }
    }

    @Test func fileTransportWritesAStandardEmailFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let message = EmailMessage(from: Mailbox("a@guichet.fr", name: "Guichet"), to: Mailbox("jeanne@exemple.fr"),
                                   subject: "Référence A-1-7KQ2M9XH4", text: "Votre dossier est transmis.",
                                   html: "<p>Votre dossier est transmis.</p>", date: Date(timeIntervalSince1970: 1_800_000_000),
                                   messageID: "m1@guichet.fr")
        try await FileMailTransport(directory: folder).send(message)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 1 && files[0].hasSuffix(".eml"))
        let content = try String(contentsOf: folder.appendingPathComponent(files[0]), encoding: .utf8)
        #expect(content.contains("To: <jeanne@exemple.fr>\r\n"))
        #expect(content.contains("Subject: =?UTF-8?B?"))
        #expect(content.contains("Votre dossier est transmis."))

        try await FileSMSTransport(directory: folder.appendingPathComponent("sms")).send(SMSMessage(to: "+33612345678", text: "Code 123456"))
        let sms = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sms").path)
        #expect(sms.count == 1)
        #expect(try String(contentsOf: folder.appendingPathComponent("sms/\(sms[0])"), encoding: .utf8) == "To: +33612345678\n\nCode 123456\n")
    }

    @Test func unwritableOutboxFolderIsATransientFailure() async throws {
        let message = EmailMessage(from: Mailbox("a@g.fr"), to: Mailbox("b@g.fr"), subject: "s", text: "t",
                                   date: Date(), messageID: "x@g.fr")
        await #expect(throws: DeliveryFailure.self) {
            try await FileMailTransport(directory: URL(fileURLWithPath: "/proc/guichet-outbox")).send(message)
        }
    }

    @Test func developmentOutboxPageListsMessagesAndTheirLinks() async throws {
        try await withApp(mode: .development) { app in
            try await queueQuestion(app)
            let browser = app.browser()
            let list = try await browser.get("/dev/outbox")
            #expect(list.status == .ok)
            #expect(list.contains("Nous avons bien reçu votre question"))
            #expect(list.contains("support@guichet.localhost"))
            let link = try #require(list.firstMatch(#"href="(/dev/outbox/[0-9A-F-]{36})""#, group: 1))
            let message = try await browser.get(link)
            #expect(message.status == .ok)
            #expect(message.contains("Bonjour"))
            #expect(message.contains("Liens du message"))
            #expect(try await browser.get("/").contains("Messages envoyés (développement)"))
        }
    }

    @Test func developmentOutboxDoesNotExistOutsideDevelopment() async throws {
        try await withApp(mode: .production) { app in
            let outbox = try await app.browser().get("/dev/outbox")
            let home = try await app.browser().get("/")
            #expect(outbox.status == .notFound)
            #expect(!home.contains("/dev/outbox"))
        }
    }

    @Test func emailsAreRenderedFromTemplatesInTextAndHTML() {
        let mailer = Mailer(config: .embedded(dataDirectory: URL(fileURLWithPath: "/tmp")), now: Date(timeIntervalSince1970: 1_800_000_000))
        let mail = mailer.compose(ContactAcknowledgementMail(subjectLabel: "Mon <porte-documents>", receivedAt: Date(timeIntervalSince1970: 1_800_000_000)),
                                  to: Mailbox("jeanne@exemple.fr"))
        #expect(mail.from == Mailbox("ne-pas-repondre@guichet.localhost", name: "Guichet"))
        #expect(mail.text.contains("du 15/01/2027 sur le sujet « Mon <porte-documents> »"))
        #expect(mail.html?.contains("Mon &lt;porte-documents&gt;") == true)
        #expect(mail.html?.hasPrefix("<!DOCTYPE html><html lang=\"fr\">") == true)
        #expect(mail.messageID.hasSuffix("@127.0.0.1"))
    }
}
