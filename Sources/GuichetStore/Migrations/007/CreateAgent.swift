import FluentKit
import FluentSQL

/// The organisations' agents (the web inbox, SPEC §6): invited by the operator, with a
/// password and a required authenticator application. Their browser sessions share the
/// sessions table under another realm.
struct CreateAgent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("agents")
            .id()
            .field("organisation_key", .string, .required)
            .field("email", .string, .required)
            .field("email_key", .string, .required)
            .unique(on: "email_key")
            .field("name", .string)
            .field("role", .string, .required)
            .field("password_hash", .string)
            .field("totp_secret", .string)
            .field("totp_last_step", .int)
            .field("failed_sign_ins", .int, .required, .sql(.default(0)))
            .field("locked_until", .datetime)
            .field("invitation_hash", .string)
            .field("invitation_expires_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("activated_at", .datetime)
            .field("last_sign_in_at", .datetime)
            .create()
        try await database.sql.create(index: "agents_organisation").on("agents").column("organisation_key").run()
        try await database.sql.create(index: "agents_invitation").on("agents").column("invitation_hash").run()
        try await database.schema("browser_sessions").field("realm", .string, .required, .sql(.default("site"))).update()
        try await database.schema("browser_sessions").field("agent_id", .uuid).update()
        try await database.sql.create(index: "browser_sessions_agent").on("browser_sessions").column("agent_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "browser_sessions_agent").run()
        try await database.schema("browser_sessions").deleteField("agent_id").update()
        try await database.schema("browser_sessions").deleteField("realm").update()
        try await database.schema("agents").delete()
    }
}

/// The applicant's name on each transmission, for the inbox's list and its search
/// (folded: without accents or case). Filled in at transmission; older rows are filled
/// by the `backfill-applicant-names` job (`Transmissions.backfillApplicants`).
struct AddTransmissionApplicant: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("transmissions").field("applicant_name", .string).update()
        try await database.schema("transmissions").field("applicant_folded", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("transmissions").deleteField("applicant_folded").update()
        try await database.schema("transmissions").deleteField("applicant_name").update()
    }
}
