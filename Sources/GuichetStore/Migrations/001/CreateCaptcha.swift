import FluentKit

struct CreateCaptcha: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("captchas")
            .field("id", .string, .identifier(auto: false))
            .field("code", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "captchas_expires_at").on("captchas").column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("captchas").delete()
    }
}
