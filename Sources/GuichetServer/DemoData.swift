import Fluent
import GuichetCore
import GuichetOperations
import GuichetStore
import GuichetWeb
import Vapor

/// The demonstration data `make run` loads on first start: each seed is named, loaded
/// once, and skipped when already present.
enum DemoData {
    struct Seed: Sendable {
        let name: String
        let isPresent: @Sendable (Application) async throws -> Bool
        let load: @Sendable (Application) async throws -> Void
    }

    static let seeds: [Seed] = [citizen, accountLinks]

    /// The demonstration citizen (documented in the README).
    static let citizenIdentifier = "jeanne.martin"
    static let citizenPassword = "un café au lait sans sucre"

    static let citizen = Seed(
        name: "citoyenne de démonstration (\(citizenIdentifier))",
        isPresent: { app in try await Accounts.isTaken(identifier: citizenIdentifier, on: app.db) },
        load: { app in
            let form = SignUpForm(identifier: citizenIdentifier, password: citizenPassword, email: "jeanne.martin@exemple.fr",
                                  civility: "madame", lastName: "Martin", firstNames: "Jeanne")
            let valid = try form.validate().get()
            let now = app.guichet.services.clock.now()
            let hash = try await app.guichet.services.passwords.hash(valid.password)
            let user = try await Accounts.create(valid, passwordHash: hash, now: now, on: app.db)
            try await Accounts.confirmEmail(try user.requireID(), now: now, on: app.db)
            try await Accounts.saveProfile(user, completed(user.profile), now: now, on: app.db)
        }
    )

    /// Two links migrated from the former portal, so *Mes liaisons de comptes* shows some
    /// (organisations delete them through the partner API).
    static let accountLinks = Seed(
        name: "liaisons de comptes de démonstration (CAF, impots.gouv.fr)",
        isPresent: { app in
            guard let user = try await Accounts.find(identifier: citizenIdentifier, on: app.db), let id = user.id else { return true }
            return !(try await AccountLinks.list(userID: id, on: app.db)).isEmpty
        },
        load: { app in
            let context = OperationContext(guichet: app.guichet, db: app.db, clientAddress: "exploitant")
            for (organisation, reference) in [("caf", "7654321"), ("impots", "3021456789123")] {
                _ = try await AccountLinking.add(identifier: citizenIdentifier, organisationKey: organisation, partnerReference: reference,
                                                 in: context)
            }
        }
    )

    /// The demonstration citizen's details, which pre-fill procedures.
    static func completed(_ profile: Profile) -> Profile {
        var profile = profile
        profile.birthDate = CalendarDate(year: 1985, month: 7, day: 14)
        profile.birthPlace = "Lyon"
        profile.addressLine1 = "12 rue de la Paix"
        profile.postalCode = "75002"
        profile.city = "Paris"
        profile.mobilePhone = PhoneNumber("06 12 34 56 78")
        return profile
    }

    /// Loads the missing seeds and returns their names.
    static func load(on app: Application) async throws -> [String] {
        // Its account's password is published in the README.
        guard !app.guichet.config.isProduction else {
            throw CommandRefusal("The demonstration data is refused in production: its account's password is public.")
        }
        var loaded: [String] = []
        for seed in seeds where !(try await seed.isPresent(app)) {
            try await seed.load(app)
            loaded.append(seed.name)
        }
        return loaded
    }
}
