import Fluent
import Foundation
import GuichetCore
import GuichetPDF
import GuichetStore
import GuichetTestSupport
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

/// What a review and a few attacks found (issue 10), through HTTP.
@Suite struct HardeningTests {
    @Test func aForgedForwardedForLineDoesNotEscapeTheLimits() async throws {
        try await withApp({ $0.trustedProxyHops = 1 }) { app in
            try await app.createAccount()
            // Each request forges a new first line; the proxy's own line names the real client.
            var last: Page?
            for attempt in 0...LockoutPolicy.addressFailures.limit {
                let browser = app.browser()
                browser.extraHeaders.add(name: .xForwardedFor, value: "10.9.\(attempt / 250).\(attempt % 250)")
                browser.extraHeaders.add(name: .xForwardedFor, value: "198.51.100.7")
                _ = try await browser.get("/connexion")
                last = try await browser.post("/connexion", [("identifier", "inconnu.\(attempt)"), ("password", "faux")])
            }
            #expect(last?.status == .tooManyRequests)
        }
    }

    @Test func anonymousDossierResumeAndLookupPagesAreNeverStored() async throws {
        try await withApp { app in
            let browser = app.browser()
            try await browser.start("demande-acte-naissance")
            for path in ["/demarche/etape/1", "/demarches/reprendre", "/demarches/suivre"] {
                let page = try await browser.get(path)
                #expect(page.headers.first(name: .cacheControl) == "no-store", "\(path)")
            }
            #expect(try await app.browser().get("/aide").headers.first(name: .cacheControl) == "no-cache", "public pages are revalidated")
        }
    }

    @Test func aFormOfThousandsOfPartsIsRefused() async throws {
        try await withApp { app in
            try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            _ = try await browser.get("/mon-compte/mes-documents/ajouter")
            let files = (0..<200).map { (field: "piece\($0)", filename: "vide-\($0).pdf", data: Data()) }
            let page = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: [("title", "Titre")], files: files)
            #expect(page.status == .unprocessableEntity)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: app.config.workDirectory.path)
            #expect(leftovers.isEmpty, "no temporary file remains")
        }
    }

    @Test(arguments: [("pdf-flate-bomb.pdf", DocumentError.tooMuchContent(maximum: DocumentLimits.maximumDecodedBytes)),
                      ("pdf-image-400-megapixels.pdf", DocumentError.tooManyPixels(megapixels: 400)),
                      ("png-canvas-100-megapixels-16-bit.png", DocumentError.damaged(.png))])
    func decompressionBombsAreRefusedWithTheUsualMessage(name: String, error: DocumentError) async throws {
        let corpus = try await Corpus.shared.value
        try await withApp { app in
            let browser = try await WalletTests().signedIn(app)
            let page = try await browser.postMultipart("/mon-compte/mes-documents/ajouter", fields: WalletTests.fields,
                                                       files: [try WalletTests.file(corpus, name)])
            #expect(page.status == .unprocessableEntity)
            #expect(page.fieldError("fichier1") == error.message)
            #expect(try await DocumentRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func productionRefusesAPlainHTTPAddress() {
        let production = ["BASE_URL": "http://guichet.example.fr", "SMTP_URL": "smtps://relay"]
        #expect(throws: ConfigurationError.self) {
            try AppConfig.load(mode: .production, environment: production, workingDirectory: URL(fileURLWithPath: "/srv"))
        }
    }

    @Test func aFullPasswordPoolAnswersAFrench503() async throws {
        try await withApp { app in
            try await app.createAccount()
            app.app.guichet = app.app.guichet.with(services: Services(clock: app.clock, mail: app.mail, sms: app.sms, speech: FakeSpeech(),
                                                                      passwords: OverloadedHasher()))
            let browser = app.browser()
            _ = try await browser.get("/connexion")
            let page = try await browser.post("/connexion", [("identifier", "jeanne.martin"), ("password", TestApp.password)])
            #expect(page.status == .serviceUnavailable)
            #expect(page.contains("Le service est très sollicité"))
            #expect(try await app.reload(try await Accounts.find(identifier: "jeanne.martin", on: app.db)!).failedSignIns == 0,
                    "an overloaded server locks nobody out")
        }
    }

    @Test func aLostSecretKeyFileIsNotSilentlyReplacedWhenSealedKeysExist() async throws {
        let database = try await TestDatabase.make()
        defer { Task { await database.drop() } }
        try await withApp(database: database) { app in
            let user = try await app.createAccount()
            try await Accounts.enableSecondFactor(try user.requireID(), kind: .totp, phone: nil,
                                                  totpSecret: try app.app.guichet.secrets.seal("JBSWY3DPEHPK3PXP", account: try user.requireID()),
                                                  unlockCodeHash: "x", now: app.clock.now(), on: app.db)
        }
        try FileManager.default.removeItem(at: database.directory.appendingPathComponent("secret.key"))
        await #expect(throws: ConfigurationError.self) {
            try await withApp(database: database) { _ in }
        }
    }

    @Test func turningOnASecondFactorAsksForThePassword() async throws {
        try await withApp { app in
            try await app.createAccount()
            let browser = app.browser()
            try await browser.signIn()
            let form = try await browser.get("/mon-compte/mes-options/code-sms")
            #expect(form.contains("Mot de passe actuel"))
            let refused = try await browser.post("/mon-compte/mes-options/code-sms", [("phone", "06 12 34 56 78")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.fieldError("password") == "Saisissez votre mot de passe actuel.")
            #expect(try await app.smsMessages().isEmpty, "no code is sent before the password")
        }
    }
}

/// A hasher whose pool is always full.
struct OverloadedHasher: PasswordHashing {
    func hash(_ password: String) async throws -> String { throw WorkPoolOverloaded() }
    func verify(_ password: String, against hash: String) async throws -> Bool { throw WorkPoolOverloaded() }
    func needsRehash(_ hash: String) -> Bool { false }
    func verifyAgainstNothing(_ password: String) async throws { throw WorkPoolOverloaded() }
}
