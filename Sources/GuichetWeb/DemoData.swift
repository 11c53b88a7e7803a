import Fluent
import Vapor

/// The demonstration data `make run` loads on first start: each seed is named, loaded
/// once, and skipped when already present.
enum DemoData {
    struct Seed: Sendable {
        let name: String
        let isPresent: @Sendable (Application) async throws -> Bool
        let load: @Sendable (Application) async throws -> Void
    }

    static let seeds: [Seed] = []

    /// Loads the missing seeds and returns their names.
    static func load(on app: Application) async throws -> [String] {
        var loaded: [String] = []
        for seed in seeds where !(try await seed.isPresent(app)) {
            try await seed.load(app)
            loaded.append(seed.name)
        }
        return loaded
    }
}
