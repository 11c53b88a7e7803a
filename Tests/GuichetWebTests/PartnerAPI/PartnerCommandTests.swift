import ArgumentParser
import Fluent
import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetOperations
@testable import GuichetServer
import Testing

/// `guichet partner-key`, `partner-webhook` and `account-link` (SPEC §6).
@Suite struct PartnerCommandTests {
    @Test func aKeyIsPrintedOnceAloneOnTheLastLineAndNeverListed() async throws {
        try await withApp { app in
            let lines = try await PartnerKeyCommand.Create.parse(["caf", "--name", "Back-office", "--read-only", "--expires-in-days", "30"])
                .apply(in: app.operatorContext)
            let key = try #require(lines.last)
            #expect(PartnerKeySecret.isWellFormed(key))
            #expect(lines.dropLast().allSatisfy { !$0.contains(key) })
            #expect(try await app.api(.GET, "/api/v1/dossiers", key: key).status == .ok)

            let listed = try await PartnerKeyCommand.List.parse(["caf"]).apply(in: app.operatorContext)
            #expect(listed.count == 2 && listed[1].contains("Back-office") && listed[1].contains("read") && listed[1].contains("active"))
            #expect(!listed.joined().contains(key))
            #expect(listed[1].contains("never") == false, "used once already")

            let id = try #require(listed[1].split(separator: "\t").first.map(String.init))
            #expect(try await PartnerKeyCommand.Revoke.parse([id]).apply(in: app.operatorContext).contains("revoked"))
            #expect(try await app.api(.GET, "/api/v1/dossiers", key: key).status == .unauthorized)
            await #expect { _ = try await PartnerKeyCommand.Revoke.parse([id]).apply(in: app.operatorContext) } throws: {
                ($0 as? CommandRefusal)?.isUsage == false
            }
            #expect(try await PartnerKeyCommand.List.parse([]).apply(in: app.operatorContext)[1].contains("revoked"))
        }
    }

    @Test(arguments: [["inconnu"], ["mairie-00000"], ["caf", "--expires-in-days", "0"], ["caf", "--name", ""]])
    func anUnknownOrganisationOrBadOptionIsRefused(arguments: [String]) async throws {
        try await withApp { app in
            await #expect { _ = try await PartnerKeyCommand.Create.parse(arguments).apply(in: app.operatorContext) } throws: { error in
                guard let refusal = error as? CommandRefusal else { return false }
                return !refusal.isUsage && !refusal.description.isEmpty
            }
            let keys = try await PartnerKeys.list(organisationKey: nil, on: app.db)
            #expect(keys.isEmpty)
        }
    }

    @Test func townHallsAreOrganisationsByTheirINSEECode() async throws {
        try await withApp { app in
            let lines = try await PartnerKeyCommand.Create.parse(["mairie-75056"]).apply(in: app.operatorContext)
            #expect(lines.first?.contains("mairie-75056") == true)
        }
    }

    @Test func aWebhookIsSetWithItsSecretShownOnceAndItsDeliveriesListed() async throws {
        try await withApp { app in
            let lines = try await PartnerWebhookCommand.SetWebhook.parse(["caf", "http://127.0.0.1:9/recepteur"]).apply(in: app.operatorContext)
            let secret = try #require(lines.last)
            #expect(secret.hasPrefix("whsec_"))
            let stored = try #require(try await PartnerWebhooks.find(organisationKey: "caf", on: app.db))
            #expect(stored.sealedSecret != secret && !stored.sealedSecret.contains(secret))
            let status = try await PartnerWebhookCommand.Deliveries.parse(["caf"]).apply(in: app.operatorContext)
            #expect(status.first?.contains("http://127.0.0.1:9/recepteur") == true && status.contains("No delivery attempt yet."))
            await #expect { _ = try await PartnerWebhookCommand.SetWebhook.parse(["caf", "ftp://exemple.fr"]).apply(in: app.operatorContext) } throws: {
                ($0 as? CommandRefusal) != nil
            }
            #expect(try await PartnerWebhookCommand.Remove.parse(["caf"]).apply(in: app.operatorContext).contains("removed"))
            await #expect { _ = try await PartnerWebhookCommand.Remove.parse(["caf"]).apply(in: app.operatorContext) } throws: {
                ($0 as? CommandRefusal) != nil
            }
        }
    }

    @Test func productionRefusesWebhooksToInternalAddresses() async throws {
        try await withApp(mode: .production, { config in
            config.baseURL = URL(string: "https://guichet.exemple.fr")!
        }) { app in
            for url in ["http://exemple.fr/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://[::1]/hook",
                        "https://169.254.169.254/latest", "https://localhost/hook", "https://user:pw@exemple.fr/hook"] {
                await #expect { _ = try await PartnerWebhookCommand.SetWebhook.parse(["caf", url]).apply(in: app.operatorContext) } throws: {
                    ($0 as? CommandRefusal) != nil
                }
            }
            let webhook = try await PartnerWebhooks.find(organisationKey: "caf", on: app.db)
            #expect(webhook == nil)
        }
    }

    @Test func accountLinksAreImportedForKnownAccountsOnly() async throws {
        try await withApp { app in
            try await app.createAccount("jeanne.martin", email: "jeanne@exemple.fr")
            let added = try await AccountLinkCommand.Add.parse(["jeanne.martin", "caf", "7654321"]).apply(in: app.operatorContext)
            #expect(added.contains("added"))
            for arguments in [["personne", "caf", "1"], ["jeanne.martin", "inconnu", "1"], ["jeanne.martin", "caf", "7654321"],
                              ["jeanne.martin", "caf", ""]] {
                await #expect { _ = try await AccountLinkCommand.Add.parse(arguments).apply(in: app.operatorContext) } throws: {
                    ($0 as? CommandRefusal)?.isUsage == false
                }
            }
        }
    }

    @Test func theCommandsDescribeThemselves() {
        for command in ["partner-key", "partner-webhook", "account-link"] {
            #expect(GuichetCommand.helpMessage().contains(command))
        }
        let help = GuichetCommand.helpMessage(for: PartnerKeyCommand.Create.self)
        for argument in ["<organisation>", "--name", "--read-only", "--expires-in-days"] { #expect(help.contains(argument)) }
    }
}
