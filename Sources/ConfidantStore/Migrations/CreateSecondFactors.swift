import FluentKit

/// Authenticator-app secrets (sealed), one-time recovery codes (hashed), and the stage a session
/// has reached: a password alone opens nothing while a second factor is owed.
struct CreateSecondFactors: AsyncMigration {
    var name: String { "2026-12-01-create-second-factors" }

    func prepare(on database: any Database) async throws {
        try await database.schema("second_factors")
            .field("user_id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("key_id", .string, .required)
            .field("sealed_secret", .string, .required)
            .field("confirmed", .bool, .required)
            .field("last_step", .int64, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("recovery_codes")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("used_at", .datetime)
            .create()
        // One column per statement: SQLite adds one at a time.
        try await database.schema("sessions").field("stage", .string, .required, .sql(.default("signed_in"))).update()
        try await database.schema("sessions").field("stepped_up_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").deleteField("stepped_up_at").update()
        try await database.schema("sessions").deleteField("stage").update()
        try await database.schema("recovery_codes").delete()
        try await database.schema("second_factors").delete()
    }
}
