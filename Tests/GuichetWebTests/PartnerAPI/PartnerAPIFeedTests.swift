import Fluent
import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetOperations
import Testing
import Vapor

/// The event feed and the account links (SPEC §6).
@Suite struct PartnerAPIFeedTests {
    @Test func theFeedNumbersWhatHappensToMyDossiersInOrder() async throws {
        try await withApp { app in
            let key = try await app.partnerKey("caf", name: "Back-office CAF")
            let first = try await app.transmitted(to: ["caf", "impots"])
            let second = try await app.transmitted(to: ["caf"])
            _ = try await app.api(.POST, "/api/v1/dossiers/\(first)/acknowledge", key: key)
            let feed = try await app.api(.GET, "/api/v1/events", key: key)
            #expect(feed.array("events").count == 3)
            #expect(feed.number("events.0.sequence") == 1 && feed.number("events.2.sequence") == 3)
            #expect(feed.string("events.0.type") == "dossier.transmitted" && feed.string("events.0.data.reference") == first)
            #expect(feed.string("events.1.data.reference") == second)
            #expect(feed.string("events.2.type") == "dossier.status_changed")
            #expect(feed.string("events.2.data.state") == "pris-en-compte" && feed.string("events.2.data.previous_state") == "transmis")
            #expect(feed.string("events.2.data.actor.name") == "Back-office CAF")
            #expect(feed.number("next_after") == 3)

            let page = try await app.api(.GET, "/api/v1/events?after=1&limit=1", key: key)
            #expect(page.array("events").count == 1 && page.number("events.0.sequence") == 2 && page.number("next_after") == 2)
            let none = try await app.api(.GET, "/api/v1/events?after=3", key: key)
            #expect(none.array("events").isEmpty && none.number("next_after") == 3)
            // The tax office has its own numbering and never sees the CAF's moves.
            let impots = try await app.api(.GET, "/api/v1/events", key: try await app.partnerKey("impots"))
            #expect(impots.array("events").count == 1 && impots.number("events.0.sequence") == 1)
            let bad = try await app.api(.GET, "/api/v1/events?after=-1", key: key)
            #expect(bad.status == .unprocessableEntity && bad.string("errors.0.field") == "after")
        }
    }

    @Test func anOrganisationListsAndDeletesItsAccountLinks() async throws {
        try await withApp { app in
            try await app.createAccount("jeanne.martin", email: "jeanne@exemple.fr")
            let context = app.operatorContext
            let link = try await AccountLinking.add(identifier: "jeanne.martin", organisationKey: "caf", partnerReference: "7654321", in: context)
            _ = try await AccountLinking.add(identifier: "jeanne.martin", organisationKey: "impots", partnerReference: "3021456789123", in: context)
            let key = try await app.partnerKey("caf")
            let list = try await app.api(.GET, "/api/v1/account-links", key: key)
            #expect(list.array("account_links").count == 1)
            #expect(list.string("account_links.0.id") == link.uuidString.lowercased())
            #expect(list.string("account_links.0.partner_reference") == "7654321")

            let citizen = app.browser()
            try await citizen.signIn()
            let page = try await citizen.get("/mon-compte/liaisons-de-comptes")
            #expect(page.contains("•••4321") && page.contains("La création de liaison n'est plus disponible."))

            // Another organisation's link does not exist for it; a read-only key cannot delete.
            #expect(try await app.api(.DELETE, "/api/v1/account-links/\(link.uuidString)", key: try await app.partnerKey("impots")).status == .notFound)
            #expect(try await app.api(.DELETE, "/api/v1/account-links/\(link.uuidString)", key: try await app.partnerKey("caf", readOnly: true)).status == .forbidden)
            let deleted = try await app.api(.DELETE, "/api/v1/account-links/\(link.uuidString)", key: key)
            #expect(deleted.status == .noContent && deleted.body.isEmpty)
            #expect(try await app.api(.DELETE, "/api/v1/account-links/\(link.uuidString)", key: key).status == .notFound)
            #expect(try await app.api(.DELETE, "/api/v1/account-links/pas-un-identifiant", key: key).status == .notFound)

            let mail = try #require(try await app.emails(to: "jeanne@exemple.fr").last)
            #expect(mail.subject == "Une liaison de compte a été supprimée" && mail.text.contains("•••4321") && !mail.text.contains("7654321"))
            let after = try await citizen.get("/mon-compte/liaisons-de-comptes")
            #expect(!after.contains("•••4321") && after.contains(FileNumberRule.masked("3021456789123")))
            let events = try await app.api(.GET, "/api/v1/events", key: key)
            #expect(events.string("events.0.type") == "account_link.deleted" && events.string("events.0.data.account_link_id") == link.uuidString.lowercased())
        }
    }

    @Test func accountLinksArePaginated() async throws {
        try await withApp { app in
            for index in 0..<5 {
                try await app.createAccount("usager\(index)", email: "usager\(index)@exemple.fr")
                _ = try await AccountLinking.add(identifier: "usager\(index)", organisationKey: "caf", partnerReference: "100000\(index)",
                                                 in: app.operatorContext)
                app.clock.advance(by: 1)
            }
            let key = try await app.partnerKey("caf")
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await app.api(.GET, "/api/v1/account-links?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
                seen += page.array("account_links").compactMap { if case .object(let f, _) = $0, case .string(let r)? = f["partner_reference"] { r } else { nil } }
                cursor = page.string("next_cursor")
            } while cursor != nil
            #expect(seen == (0..<5).reversed().map { "100000\($0)" })
            #expect(try await app.api(.GET, "/api/v1/account-links?cursor=zzz", key: key).status == .badRequest)
            let nowhere = try await app.api(.GET, "/api/v1/account-links?cursor=AAAAAAAAAAAAAAAAAAAAAA", key: key)
            #expect(nowhere.status == .ok && nowhere.array("account_links").isEmpty)
        }
    }
}
