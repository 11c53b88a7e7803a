import Foundation
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing
import Vapor

@Suite struct OperationsTests {
    @Test func healthCheckReportsTheDatabase() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/healthz")
            #expect(page.status == .ok)
            #expect(page.body == #"{"database":"ok","status":"ok"}"# || page.body == #"{"status":"ok","database":"ok"}"#)
            #expect(page.headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test func healthCheckFailsWhenTheDatabaseIsUnreachable() async throws {
        try await withApp({ $0.database = .postgres(url: "postgres://nobody:x@127.0.0.1:1/none") }) { app in
            let page = try await app.browser().get("/healthz")
            #expect(page.status == .serviceUnavailable)
            #expect(page.body.contains(#""database":"unreachable""#))
        }
    }

    @Test func metricsCountRequestsByRoute() async throws {
        try await withApp { app in
            _ = try await app.browser().get("/aide")
            _ = try await app.browser().get("/aide/compte")
            _ = try await app.browser().get("/nexiste-pas")
            let metrics = try await app.browser().get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers.first(name: .contentType)?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(metrics.body.contains(#"guichet_http_requests_total{method="GET",route="/aide",status="200"} 1"#))
            #expect(metrics.body.contains(#"guichet_http_requests_total{method="GET",route="/aide/:topic",status="200"} 1"#))
            #expect(metrics.body.contains(#"route="unmatched",status="404""#))
            #expect(metrics.body.contains("guichet_http_request_duration_seconds_bucket"))
            #expect(metrics.body.contains("guichet_outbox_pending_messages 0"))
        }
    }

    @Test func metricsCountDeliveries() async throws {
        try await withApp { app in
            let browser = app.browser()
            let form = try await browser.get("/aide/poser-une-question")
            _ = try await browser.post("/aide/poser-une-question", ContactTests.fields(form))
            try await app.deliverOutbox()
            let metrics = try await app.browser().get("/metrics")
            #expect(metrics.body.contains(#"guichet_outbox_deliveries_total{channel="email",outcome="sent"} 2"#))
            #expect(metrics.body.contains(#"guichet_events_total{event="contact_message_received"} 1"#))
        }
    }

    @Test func metricsTokenIsRequiredWhenSet() async throws {
        try await withApp({ $0.metricsToken = "s3cret" }) { app in
            let browser = app.browser()
            let anonymous = try await browser.get("/metrics")
            let wrong = try await browser.get("/metrics", headers: ["Authorization": "Bearer wrong"])
            let right = try await browser.get("/metrics", headers: ["Authorization": "Bearer s3cret"])
            #expect([anonymous.status, wrong.status, right.status] == [.unauthorized, .unauthorized, .ok])
        }
    }

    @Test func metricsAreOffInProductionWithoutAToken() async throws {
        try await withApp(mode: .production) { app in
            let page = try await app.browser().get("/metrics")
            #expect(page.status == .notFound)
        }
    }

    @Test func purgesRunOncePerPeriodAcrossInstances() async throws {
        try await withApp { app in
            let first = try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet)
            #expect(first.contains("purge-captchas") && first.contains("purge-delivered-messages"))
            #expect(try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet).isEmpty)
            app.clock.advance(by: 600)
            #expect(Set(try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet))
                == ["purge-captchas", "purge-sessions", "purge-rate-limits", "purge-account-links", "draft-expiry-alerts",
                    "purge-expired-drafts", "rescan-pending-documents", "backfill-applicant-names"])
            #expect(try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true).count == Purges.jobs.count)
        }
    }

    @Test func purgeDeletesExpiredCaptchas() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/aide/poser-une-question")
            let id = try #require(page.inputValue("captcha_id"))
            app.clock.advance(by: 601)
            try await Purges.run(db: app.db, now: app.clock.now(), guichet: app.app.guichet, force: true)
            #expect(try await CaptchaRecord.find(id, on: app.db) == nil)
        }
    }
}
