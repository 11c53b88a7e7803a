import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct SecurityTests {
    @Test func securityHeadersAreOnPagesAndErrorPages() async throws {
        try await withApp { app in
            for path in ["/", "/nexiste-pas", "/healthz"] {
                let page = try await app.browser().get(path)
                let csp = try #require(page.headers.first(name: "Content-Security-Policy"), "\(path)")
                #expect(csp.contains("default-src 'self'"))
                #expect(csp.contains("script-src 'self'"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(page.headers.first(name: "Referrer-Policy") == "same-origin")
                #expect(page.headers.first(name: "Strict-Transport-Security") == nil, "no HSTS over plain http")
            }
        }
    }

    @Test func httpsDeploymentGetsHSTSAndHostPrefixedSecureCookies() async throws {
        try await withApp({ $0.baseURL = URL(string: "https://guichet.example.fr")! }) { app in
            let page = try await app.browser().get("/aide/poser-une-question")
            #expect(page.headers.first(name: "Strict-Transport-Security") == "max-age=63072000; includeSubDomains")
            let cookie = try #require(page.headers[.setCookie].first { $0.hasPrefix("__Host-guichet-csrf=") })
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Domain"))
        }
    }

    @Test func plainHTTPCookiesAreHttpOnlyAndLax() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/")
            let cookie = try #require(page.headers[.setCookie].first { $0.hasPrefix("guichet-csrf=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
        }
    }

    @Test func postWithoutTheTokenIsRefusedWithAFrenchPage() async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get("/aide/poser-une-question")
            let fields = ContactTests.fields(form)
            for page in [
                try await browser.post("/aide/poser-une-question", fields, includeCSRF: false),
                try await browser.post("/aide/poser-une-question", fields, csrf: String(repeating: "A", count: 43)),
                try await app.browser().post("/aide/poser-une-question", fields, csrf: form.csrfToken),
            ] {
                #expect(page.status == .forbidden)
                #expect(page.heading == "Accès refusé")
                #expect(page.contains("Votre demande n'a pas pu être vérifiée"))
            }
            #expect(try await ContactMessages.count(on: app.db) == 0)
        }
    }

    @Test func tokenInAHeaderIsAccepted() async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get("/aide/poser-une-question")
            let page = try await browser.post("/aide/poser-une-question", ContactTests.fields(form), includeCSRF: false,
                                              headers: ["X-CSRF-Token": try #require(browser.cookies["guichet-csrf"])])
            #expect(page.status == .seeOther)
        }
    }

    @Test func formsCarryTheBrowsersToken() async throws {
        try await withApp { app in
            let browser = app.browser()
            let page = try await browser.get("/aide/poser-une-question")
            #expect(page.csrfToken == browser.cookies["guichet-csrf"])
            #expect(page.csrfToken?.count == 43)
            // The token stays the same from page to page.
            let again = try await browser.get("/aide/poser-une-question")
            #expect(again.csrfToken == page.csrfToken)
            #expect(again.headers[.setCookie].allSatisfy { !$0.hasPrefix("guichet-csrf=") })
        }
    }

    @Test func anonymousPagesAreRevalidatedAndSignedInPagesNeverStored() async throws {
        try await withApp { app in
            let anonymous = try await app.browser().get("/aide")
            #expect(anonymous.headers.first(name: .cacheControl) == "no-cache")

            let token = SecureToken.generate()
            try await BrowserSessions.insert(BrowserSessionRecord(tokenHash: TokenHash.sha256(token), userID: UUID(),
                                                                  data: "{}", now: app.clock.now()), on: app.db)
            let browser = app.browser()
            browser.setCookie("guichet-session", token)
            let signedIn = try await browser.get("/aide")
            #expect(signedIn.headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test func logsCarryNoPersonalData() async throws {
        let capture = LogCapture()
        try await withApp { app in
            app.app.logger = Logger(label: "test") { _ in RedactingLogHandler(capture) }
            app.app.logger.logLevel = .trace
            let browser = app.browser()
            let form = try await browser.get("/aide/poser-une-question")
            _ = try await browser.post("/aide/poser-une-question",
                                       ContactTests.fields(form, ["email": "marie.curie@exemple.fr", "emailConfirmation": "marie.curie@exemple.fr"]))
            app.mail.fail(with: .permanent("550 <marie.curie@exemple.fr> unknown"))
            try await app.deliverOutbox()
        }
        let lines = capture.lines
        #expect(lines.contains { $0.contains("route=/aide/poser-une-question") })
        #expect(lines.contains { $0.contains("Running query") }, "queries are still logged, without their values")
        #expect(!lines.contains { $0.contains("marie.curie") })
        #expect(!lines.contains { $0.contains("Sainte-Cécile") })
    }
}

/// Collects log lines in memory.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var lines: [String] { lock.withLock { stored } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:]) { $1 }.map { "\($0)=\($1)" }.sorted().joined(separator: " ")
        lock.withLock { stored.append("\(event.level) \(event.message) \(fields)") }
    }
}
