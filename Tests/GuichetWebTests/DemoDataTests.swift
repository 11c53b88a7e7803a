import Foundation
import GuichetCore
import GuichetStore
@testable import GuichetAdapters
@testable import GuichetOperations
@testable import GuichetServer
@testable import GuichetWeb
import Testing

@Suite struct DemoDataTests {
    @Test func demoCitizenIsLoadedOnceAndCanSignIn() async throws {
        try await withApp { app in
            let first = try await DemoData.load(on: app.app)
            #expect(first == DemoData.seeds.map(\.name))
            #expect(first.first == "citoyenne de démonstration (jeanne.martin)")
            #expect(try await DemoData.load(on: app.app).isEmpty, "idempotent")
            let user = try #require(try await Accounts.find(identifier: DemoData.citizenIdentifier, on: app.db))
            #expect(user.isConfirmed)
            #expect(user.profile.city == "Paris" && user.profile.birthDate?.french == "14/07/1985")
            let signedIn = try await app.browser().signIn(DemoData.citizenIdentifier, DemoData.citizenPassword)
            #expect(signedIn.location == "/mon-compte")
            let links = try await AccountLinks.list(userID: try user.requireID(), on: app.db)
            #expect(Set(links.map(\.organisationKey)) == ["caf", "impots"])
        }
    }

    @Test func productionRefusesTheDemonstrationData() async throws {
        try await withApp(mode: .production) { app in
            await #expect { _ = try await DemoData.load(on: app.app) } throws: { ($0 as? CommandRefusal)?.isUsage == false }
            let user = try await Accounts.find(identifier: DemoData.citizenIdentifier, on: app.db)
            #expect(user == nil)
        }
    }
}
