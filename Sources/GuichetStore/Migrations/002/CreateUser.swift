import FluentKit

struct CreateUser: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("identifier", .string, .required)
            .unique(on: "identifier")
            .field("email", .string, .required)
            .field("email_key", .string, .required)
            .field("email_confirmed_at", .datetime)
            .field("password_hash", .string, .required)
            .field("failed_sign_ins", .int, .required)
            .field("locked_until", .datetime)
            .field("second_factor", .string)
            .field("second_factor_phone", .string)
            .field("totp_secret", .string)
            .field("totp_last_step", .int64)
            .field("unlock_code_hash", .string)
            .field("alert_status_changes", .bool, .required)
            .field("alert_draft_expiry", .bool, .required)
            .field("civility", .string)
            .field("last_name", .string, .required)
            .field("first_names", .string, .required)
            .field("birth_date", .string)
            .field("birth_place", .string, .required)
            .field("address_line1", .string, .required)
            .field("address_line2", .string, .required)
            .field("postal_code", .string, .required)
            .field("city", .string, .required)
            .field("mobile_phone", .string)
            .field("landline_phone", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "users_email_key").on("users").column("email_key").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
