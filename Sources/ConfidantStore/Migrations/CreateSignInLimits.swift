import FluentKit

/// Replaces the sign-in throttle table with counters that admit attempts in one statement.
///
/// Times are seconds since 1970 as plain numbers, so the admitting statement reads the same on
/// SQLite and PostgreSQL. The old table held only recent failures, so nothing of value is lost.
struct CreateSignInLimits: AsyncMigration {
    var name: String { "2026-12-01-create-sign-in-limits" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_limits")
            .field("id", .string, .identifier(auto: false))
            .field("attempts", .int, .required)
            .field("last_attempt_at", .double, .required)
            .field("next_allowed_at", .double, .required)
            .create()
        try await database.schema("sign_in_throttles").delete()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_limits").delete()
    }
}
