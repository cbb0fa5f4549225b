import FluentKit

/// Users, sessions, one-time links, sign-in throttles and API tokens: the foundation's tables.
///
/// Migrations are append-only: once shipped, this one is never edited; later changes add new ones.
struct CreateAccounts: AsyncMigration {
    var name: String { "2026-11-25-create-accounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("role", .string, .required)
            .field("password_hash", .string)
            .field("disabled", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "email")
            .create()
        try await database.schema("sessions")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .create()
        try await database.schema("one_time_links")
            .field("id", .string, .identifier(auto: false))
            .field("purpose", .string, .required)
            .field("user_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .create()
        try await database.schema("sign_in_throttles")
            .field("id", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("last_failure_at", .datetime, .required)
            .create()
        try await database.schema("api_tokens")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("label", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [
            "api_tokens", "sign_in_throttles", "one_time_links",
            "sessions", "users",
        ] {
            try await database.schema(schema).delete()
        }
    }
}
