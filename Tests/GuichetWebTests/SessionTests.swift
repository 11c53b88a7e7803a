import Foundation
import GuichetCore
import GuichetStore
import GuichetTestSupport
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct SessionTests {
    /// Sends a valid question, which leaves a flash message in the session.
    func sendQuestion(_ browser: TestBrowser) async throws -> Page {
        let form = try await browser.get("/aide/poser-une-question")
        return try await browser.post("/aide/poser-une-question", ContactTests.fields(form))
    }

    @Test func noSessionIsCreatedForAVisitorWhoStoresNothing() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/aide")
            #expect(!page.headers[.setCookie].contains { $0.hasPrefix("guichet-session=") })
            #expect(try await BrowserSessionRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func sessionCookieHoldsATokenWhoseHashIsStored() async throws {
        try await withApp { app in
            let browser = app.browser()
            let sent = try await sendQuestion(browser)
            let cookie = try #require(sent.headers[.setCookie].first { $0.hasPrefix("guichet-session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            let token = try #require(browser.cookies["guichet-session"])
            let records = try await BrowserSessionRecord.query(on: app.db).all()
            #expect(records.map(\.id) == [TokenHash.sha256(token)])
        }
    }

    @Test func twoInstancesOnOneDatabaseShareSessions() async throws {
        let database = try await TestDatabase.make()
        do {
            try await withApp(database: database) { first in
                try await withApp(database: database) { second in
                    let browser = first.browser()
                    let sent = try await sendQuestion(browser)
                    #expect(sent.status == .seeOther)
                    // The next request lands on the other instance, with the same cookies.
                    let other = second.browser()
                    for (name, value) in browser.cookies { other.setCookie(name, value) }
                    let confirmation = try await other.get(try #require(sent.location))
                    #expect(confirmation.contains("Un accusé de réception a été envoyé à jeanne@exemple.fr"))
                    // And the other instance delivers what the first queued.
                    #expect(try await second.deliverOutbox().sent == 2)
                    #expect(second.mail.sent.count == 2 && first.mail.sent.isEmpty)
                }
            }
            await database.drop()
        } catch {
            await database.drop()
            throw error
        }
    }

    @Test func idleSessionEndsAfterThirtyMinutes() async throws {
        try await withApp { app in
            let browser = app.browser()
            let sent = try await sendQuestion(browser)
            app.clock.advance(by: SessionPolicy.idleTimeout)
            let confirmation = try await browser.get(try #require(sent.location))
            #expect(!confirmation.contains("jeanne@exemple.fr"))
            #expect(try await BrowserSessionRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func activityKeepsTheSessionAliveUpToTwelveHours() async throws {
        try await withApp { app in
            let browser = app.browser()
            _ = try await sendQuestion(browser)
            // A request every 20 minutes keeps the session for 12 hours, not more.
            for _ in 0..<35 {
                app.clock.advance(by: 20 * 60)
                _ = try await browser.get("/aide")
            }
            #expect(try await BrowserSessionRecord.query(on: app.db).count() == 1)
            app.clock.advance(by: 20 * 60)
            _ = try await browser.get("/aide")
            #expect(try await BrowserSessionRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func activityIsWrittenBackAtMostOncePerMinute() async throws {
        try await withApp { app in
            let browser = app.browser()
            _ = try await sendQuestion(browser)
            let start = app.clock.now()
            app.clock.advance(by: 30)
            _ = try await browser.get("/aide")
            #expect(try await BrowserSessionRecord.query(on: app.db).first()?.lastSeenAt == start)
            app.clock.advance(by: 30)
            _ = try await browser.get("/aide")
            #expect(try await BrowserSessionRecord.query(on: app.db).first()?.lastSeenAt == app.clock.now())
        }
    }

    @Test func forgedCookieIsIgnored() async throws {
        try await withApp { app in
            let browser = app.browser()
            browser.setCookie("guichet-session", "forged")
            let forged = try await browser.get("/aide")
            browser.setCookie("guichet-session", String(repeating: "x", count: 5000))
            let huge = try await browser.get("/aide")
            #expect(forged.status == .ok && huge.status == .ok)
        }
    }
}
