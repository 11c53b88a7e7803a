import FluentKit
import Foundation
import GuichetCore
@testable import GuichetOperations
import GuichetStore
import GuichetTestSupport
import Logging
import Testing

/// The organisations' side without HTTP, on SQLite and PostgreSQL (SPEC §6): the feed's
/// numbering under concurrency, the webhooks' delivery and retries, idempotency claims,
/// account links.
@Suite struct PartnerOperationTests {
    let logger = Logger(label: "test.webhooks")

    func transmit(_ portal: TestPortal, to organisations: [String]) async throws -> String {
        try await DirectDossiers.transmitted(to: organisations, guichet: portal.guichet, db: portal.db, now: portal.clock.now())
    }

    @Test func concurrentSubmissionsAreNumberedWithoutGapsOrRepeats() async throws {
        try await withPortal { portal in
            let references = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<12 { group.addTask { try await transmit(portal, to: ["caf", "impots"]) } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            for organisation in ["caf", "impots"] {
                let page = try await PartnerEventFeed.events(organisationKey: organisation, after: 0, limit: 100, in: portal.context())
                #expect(page.events.map(\.sequence) == Array(1...12), "\(organisation)")
                #expect(Set(page.events.compactMap(\.details.reference)) == Set(references))
            }
        }
    }

    @Test func aPollerNeverMissesAnEventCommittedBehindIt() async throws {
        try await withPortal { portal in
            // Polling while submissions commit: every event is seen exactly once.
            var seen: [Int] = []
            var after = 0
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for _ in 0..<10 { _ = try await transmit(portal, to: ["caf"]) }
                }
                for _ in 0..<20 {
                    let page = try await PartnerEventFeed.events(organisationKey: "caf", after: after, limit: 100, in: portal.context())
                    seen += page.events.map(\.sequence)
                    after = page.nextAfter
                    try await Task.sleep(for: .milliseconds(5))
                }
                try await group.waitForAll()
            }
            let rest = try await PartnerEventFeed.events(organisationKey: "caf", after: after, limit: 100, in: portal.context())
            seen += rest.events.map(\.sequence)
            #expect(seen == Array(1...10))
        }
    }

    @Test func aRepeatedMoveChangesNothingAndALongMessageIsRefused() async throws {
        try await withPortal { portal in
            let reference = try await transmit(portal, to: ["caf"])
            let context = portal.context()
            let moved = try await PartnerDossiers.advance(reference: reference, organisationKey: "caf", to: .acknowledged, message: nil,
                                                          actor: .apiKey(name: "k"), in: context)
            #expect(moved == .moved(from: .transmitted, to: .acknowledged))
            let again = try await PartnerDossiers.advance(reference: reference, organisationKey: "caf", to: .acknowledged, message: nil,
                                                          actor: .apiKey(name: "k"), in: context)
            #expect(again == .unchanged(.acknowledged))
            await #expect(throws: DossierTracking.Failure.messageTooLong) {
                try await PartnerDossiers.advance(reference: reference, organisationKey: "caf", to: .done,
                                                  message: String(repeating: "x", count: 2001), actor: .apiKey(name: "k"), in: context)
            }
            await #expect(throws: OperationError.notFound) {
                try await PartnerDossiers.advance(reference: reference, organisationKey: "impots", to: .acknowledged, message: nil,
                                                  actor: .apiKey(name: "k"), in: context)
            }
            let feed = try await PartnerEventFeed.events(organisationKey: "caf", after: 0, limit: 10, in: context)
            #expect(feed.events.map(\.type) == [.dossierTransmitted, .statusChanged], "the retry recorded nothing")
        }
    }

    @Test func webhooksDeliverEveryEventInOrderSignedAndOnce() async throws {
        try await withPortal { base in
            let receiver = RecordingWebhookTransport()
            let portal = base.with { $0.webhooks = receiver }
            _ = try await transmit(portal, to: ["caf"]) // before the webhook: not sent
            let secret = try await Webhooks.set(organisationKey: "caf", url: "http://127.0.0.1:9/hook", in: portal.context())
            let references = [try await transmit(portal, to: ["caf"]), try await transmit(portal, to: ["caf"])]
            let report = try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger)
            #expect(report.delivered == 2)
            let requests = receiver.requests
            #expect(requests.count == 2)
            for (request, reference) in zip(requests, references) {
                let event = try JSONDecoder.partnerEvents.decode(PartnerEvent.self, from: request.body)
                #expect(event.details.reference == reference)
                #expect(request.header("Guichet-Event-Id") == event.id.uuidString.lowercased())
                let signature = try #require(request.header("Guichet-Signature"))
                #expect(WebhookSignature.verify(header: signature, secret: secret, body: request.body, now: portal.clock.now()))
                #expect(!WebhookSignature.verify(header: signature, secret: "whsec_other", body: request.body, now: portal.clock.now()))
                #expect(!WebhookSignature.verify(header: signature, secret: secret, body: request.body + Data(" ".utf8), now: portal.clock.now()))
            }
            #expect(try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger) == .init(), "once")
        }
    }

    @Test func aReceiverThatIsDownDelaysDeliveryWithBackoffAndLosesNothing() async throws {
        try await withPortal { base in
            let receiver = RecordingWebhookTransport()
            let portal = base.with { $0.webhooks = receiver }
            _ = try await Webhooks.set(organisationKey: "caf", url: "http://127.0.0.1:9/hook", in: portal.context())
            let references = [try await transmit(portal, to: ["caf"]), try await transmit(portal, to: ["caf"])]
            receiver.answer(.unreachable)
            var delays: [TimeInterval] = []
            for _ in 0..<4 {
                let report = try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger)
                #expect(report.retrying == 1, "only the first event is tried: the next waits its turn")
                let webhook = try #require(try await PartnerWebhooks.find(organisationKey: "caf", on: portal.db))
                delays.append(webhook.nextAttemptAt.timeIntervalSince(portal.clock.now()))
                // Not due yet: nothing is tried.
                #expect(try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger) == .init())
                portal.clock.advance(by: webhook.nextAttemptAt.timeIntervalSince(portal.clock.now()))
            }
            #expect(delays == [30, 60, 120, 240])
            receiver.answer(.status(503))
            #expect(try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger).retrying == 1)
            portal.clock.advance(by: 3600)
            receiver.answer(.status(204))
            let report = try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger)
            #expect(report.delivered == 2)
            let delivered = receiver.requests.suffix(2).compactMap { try? JSONDecoder.partnerEvents.decode(PartnerEvent.self, from: $0.body) }
            #expect(delivered.compactMap(\.details.reference) == references)
            let attempts = try await Webhooks.status(organisationKey: "caf", in: portal.context()).attempts
            #expect(attempts.first?.outcome == "delivered" && attempts.filter { $0.outcome == "retrying" }.count == 5)
        }
    }

    @Test func aRefusalIsNotRetriedAndTwentyFourHoursOfFailuresSkipTheEvent() async throws {
        try await withPortal { base in
            let receiver = RecordingWebhookTransport()
            let portal = base.with { $0.webhooks = receiver }
            _ = try await Webhooks.set(organisationKey: "caf", url: "http://127.0.0.1:9/hook", in: portal.context())
            _ = try await transmit(portal, to: ["caf"])
            receiver.answer(.status(410))
            #expect(try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger).refused == 1)
            #expect(receiver.requests.count == 1)

            _ = try await transmit(portal, to: ["caf"])
            receiver.answer(.status(500))
            var givenUp = 0
            for _ in 0..<60 where givenUp == 0 {
                givenUp += try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger).givenUp
                portal.clock.advance(by: 3600)
            }
            #expect(givenUp == 1)
            let failing = receiver.requests.dropFirst()
            #expect(failing.count >= 24 && failing.count <= 40)
            // Still down: a later event is tried once, then skipped, until it answers again.
            _ = try await transmit(portal, to: ["caf"])
            #expect(try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger).givenUp == 1)
            receiver.answer(.status(200))
            _ = try await transmit(portal, to: ["caf"])
            #expect(try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger).delivered == 1)
            _ = try await transmit(portal, to: ["caf"])
            receiver.answer(.status(500))
            #expect(try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger).retrying == 1,
                    "a new outage has its 24 hours again")
            // Everything stays in the feed.
            #expect(try await PartnerEventFeed.events(organisationKey: "caf", after: 0, limit: 10, in: portal.context()).events.count == 5)
        }
    }

    @Test func anAddressProductionRefusesIsNotRetried() async throws {
        try await withPortal { base in
            let receiver = RecordingWebhookTransport()
            let portal = base.with { $0.webhooks = receiver }
            _ = try await Webhooks.set(organisationKey: "caf", url: "http://127.0.0.1:9/hook", in: portal.context())
            _ = try await transmit(portal, to: ["caf"])
            receiver.answer(.refusedAddress)
            let report = try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger)
            #expect(report.refused == 1 && report.retrying == 0)
            #expect(try await Webhooks.status(organisationKey: "caf", in: portal.context()).attempts.first?.outcome == "refused")
        }
    }

    @Test func replacingAWebhookKeepsItsPlace() async throws {
        try await withPortal { base in
            let receiver = RecordingWebhookTransport()
            let portal = base.with { $0.webhooks = receiver }
            _ = try await Webhooks.set(organisationKey: "caf", url: "http://127.0.0.1:9/hook", in: portal.context())
            receiver.answer(.unreachable)
            let reference = try await transmit(portal, to: ["caf"])
            _ = try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger)
            // The operator rotates the secret while the receiver is down: the event still comes, signed with the new one.
            let secret = try await Webhooks.set(organisationKey: "caf", url: "http://127.0.0.1:9/new", in: portal.context())
            receiver.answer(.status(200))
            #expect(try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger).delivered == 1)
            let last = try #require(receiver.requests.last)
            #expect(last.url.path == "/new")
            #expect(try JSONDecoder.partnerEvents.decode(PartnerEvent.self, from: last.body).details.reference == reference)
            #expect(WebhookSignature.verify(header: try #require(last.header("Guichet-Signature")), secret: secret, body: last.body,
                                            now: portal.clock.now()))
        }
    }

    @Test func theFeedIsPurgedAfterNinetyDaysButKeepsItsCount() async throws {
        try await withPortal { portal in
            for _ in 0..<3 { _ = try await transmit(portal, to: ["caf"]) }
            portal.clock.advance(by: Purges.partnerEventRetention + 1)
            try await PartnerEvents.purge(olderThan: portal.clock.now().addingTimeInterval(-Purges.partnerEventRetention), on: portal.db)
            let kept = try await PartnerEventFeed.events(organisationKey: "caf", after: 0, limit: 10, in: portal.context())
            #expect(kept.events.map(\.sequence) == [3], "the last one stays: the count goes on from it")
            _ = try await transmit(portal, to: ["caf"])
            #expect(try await PartnerEvents.latest(organisationKey: "caf", on: portal.db) == 4)
        }
    }

    @Test func deletingAnAccountTellsTheOrganisationsOfItsLinks() async throws {
        try await withPortal { portal in
            let account = try await portal.createAccount("jeanne.martin", email: "jeanne@exemple.fr")
            _ = try await AccountLinking.add(identifier: "jeanne.martin", organisationKey: "caf", partnerReference: "7654321", in: portal.context())
            #expect(try await AccountOptions.deleteAccount(account, password: TestPortal.password, in: portal.context()) == nil)
            let feed = try await PartnerEventFeed.events(organisationKey: "caf", after: 0, limit: 10, in: portal.context())
            #expect(feed.events.map(\.type) == [.accountLinkDeleted])
            #expect(feed.events.first?.details.partnerReference == "7654321" && feed.events.first?.details.actor?.kind == "citizen")
            #expect(try await AccountLinkRecord.query(on: portal.db).count() == 0)
        }
    }

    @Test func aNewMessageInTheSameStateIsRecordedAndARepeatIsNot() async throws {
        try await withPortal { portal in
            let reference = try await transmit(portal, to: ["caf"])
            let context = portal.context()
            func move(_ message: String?) async throws -> DossierTracking.Outcome {
                try await PartnerDossiers.advance(reference: reference, organisationKey: "caf", to: .processing, message: message,
                                                  actor: .apiKey(name: "k"), in: context)
            }
            #expect(try await move("Pièce reçue.") == .moved(from: .transmitted, to: .processing))
            #expect(try await move("Pièce reçue.") == .unchanged(.processing))
            #expect(try await move(nil) == .unchanged(.processing))
            #expect(try await move("Rendez-vous fixé au 12 janvier.") == .noted(.processing))
            let mails = try await portal.emails(to: "elodie@exemple.fr")
            #expect(mails.last?.subject.contains("un message de l'organisme") == true && mails.last?.text.contains("12 janvier") == true)
            await #expect(throws: DossierTracking.Failure.controlCharacters) { _ = try await move("Bonjour\u{7}") }
            #expect(try await move("Ligne 1\nLigne 2") == .noted(.processing), "line breaks are text")
            let feed = try await PartnerEventFeed.events(organisationKey: "caf", after: 0, limit: 10, in: context)
            #expect(feed.events.count == 4)
        }
    }

    @Test func twoInstancesNeverDeliverTheSameWebhookAtOnce() async throws {
        try await withPortal { base in
            let receiver = RecordingWebhookTransport()
            let portal = base.with { $0.webhooks = receiver }
            _ = try await Webhooks.set(organisationKey: "caf", url: "http://127.0.0.1:9/hook", in: portal.context())
            for _ in 0..<5 { _ = try await transmit(portal, to: ["caf"]) }
            let reports = try await withThrowingTaskGroup(of: WebhookDelivery.Report.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await WebhookDelivery.deliverDue(guichet: portal.guichet, db: portal.db, logger: logger) }
                }
                return try await group.reduce(into: [WebhookDelivery.Report]()) { $0.append($1) }
            }
            #expect(reports.map(\.delivered).reduce(0, +) == 5)
            let sequences = receiver.requests.compactMap { try? JSONDecoder.partnerEvents.decode(PartnerEvent.self, from: $0.body).sequence }
            #expect(sequences == [1, 2, 3, 4, 5], "each once, in order")
        }
    }

    @Test func concurrentClaimsOfOneIdempotencyKeyLetOneThrough() async throws {
        try await withPortal { portal in
            let key = try await PartnerKeys.create(organisationKey: "caf", name: "k", tokenHash: "h", readOnly: false, expiresAt: nil,
                                                   now: portal.clock.now(), on: portal.db)
            let keyID = try key.requireID()
            let claims = try await withThrowingTaskGroup(of: IdempotencyKeys.Claim.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await IdempotencyKeys.claim(partnerKeyID: keyID, key: "k1", requestHash: "same", now: portal.clock.now(), on: portal.db)
                    }
                }
                return try await group.reduce(into: [IdempotencyKeys.Claim]()) { $0.append($1) }
            }
            let claimed = claims.compactMap { if case .claimed(let id) = $0 { id } else { nil } }
            #expect(claimed.count == 1 && claims.filter { $0 == .inProgress }.count == 5)
            try await IdempotencyKeys.complete(try #require(claimed.first), status: 200, body: "{}", on: portal.db)
            #expect(try await IdempotencyKeys.claim(partnerKeyID: keyID, key: "k1", requestHash: "same", now: portal.clock.now(), on: portal.db)
                    == .replay(status: 200, body: "{}"))
            #expect(try await IdempotencyKeys.claim(partnerKeyID: keyID, key: "k1", requestHash: "other", now: portal.clock.now(), on: portal.db)
                    == .mismatch)
            // A claim left unanswered by a request that died is free again after a minute.
            guard case .claimed = try await IdempotencyKeys.claim(partnerKeyID: keyID, key: "k2", requestHash: "x", now: portal.clock.now(), on: portal.db) else {
                Issue.record("not claimed")
                return
            }
            portal.clock.advance(by: 61)
            guard case .claimed = try await IdempotencyKeys.claim(partnerKeyID: keyID, key: "k2", requestHash: "x", now: portal.clock.now(), on: portal.db) else {
                Issue.record("an abandoned claim stayed locked")
                return
            }
        }
    }

    @Test func aLinkDeletedTwiceAtOnceIsDeletedOnceAndTheCitizenEmailedOnce() async throws {
        try await withPortal { portal in
            try await portal.createAccount("jeanne.martin", email: "jeanne@exemple.fr")
            let link = try await AccountLinking.add(identifier: "jeanne.martin", organisationKey: "caf", partnerReference: "7654321",
                                                    in: portal.context())
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        (try? await AccountLinking.delete(link, organisationKey: "caf", actor: .apiKey(name: "k"), in: portal.context())) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await portal.emails(to: "jeanne@exemple.fr").filter { $0.subject == "Une liaison de compte a été supprimée" }.count == 1)
            let feed = try await PartnerEventFeed.events(organisationKey: "caf", after: 0, limit: 10, in: portal.context())
            #expect(feed.events.map(\.type) == [.accountLinkDeleted])
        }
    }

    @Test func aKeyIsRefusedOnceRevokedOrExpired() async throws {
        try await withPortal { portal in
            let context = portal.context()
            let issued = try await PartnerAccess.create(organisationKey: "caf", name: nil, readOnly: false, expiresInDays: 2, in: context)
            #expect(try await PartnerAccess.authenticate(issued.secret, in: context)?.organisationKey == "caf")
            #expect(try await PartnerAccess.authenticate(issued.secret + "x", in: context) == nil)
            portal.clock.advance(by: 2 * 24 * 3600)
            #expect(try await PartnerAccess.authenticate(issued.secret, in: portal.context()) == nil)
            let other = try await PartnerAccess.create(organisationKey: "mairie-69123", name: "État civil", readOnly: true, expiresInDays: nil,
                                                       in: portal.context())
            #expect(try await PartnerAccess.authenticate(other.secret, in: portal.context())?.readOnly == true)
            #expect(try await PartnerAccess.revoke(other.id, in: portal.context()))
            #expect(try await PartnerAccess.authenticate(other.secret, in: portal.context()) == nil)
            await #expect(throws: PartnerAccess.Refusal.unknownOrganisation("mairie-99999")) {
                _ = try await PartnerAccess.create(organisationKey: "mairie-99999", name: nil, readOnly: false, expiresInDays: nil, in: context)
            }
        }
    }
}

extension JSONDecoder {
    /// Reads events as the API writes them.
    static var partnerEvents: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            return try Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }
        return decoder
    }
}
