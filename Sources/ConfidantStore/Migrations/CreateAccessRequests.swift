import FluentKit
import FluentSQL

/// Roles that read cases wait for a safeguarding lead's approval: the requests, the flag on a new
/// account that waits, and the one-time fact that an installation has had its first lead.
struct CreateAccessRequests: AsyncMigration {
    var name: String { "2026-12-01-create-access-requests" }

    func prepare(on database: any Database) async throws {
        try await database.schema("access_requests")
            .field("id", .uuid, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("requested_by", .string, .required)
            .field("requester_id", .uuid)
            .field("requested_at", .datetime, .required)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime)
            .field("approved", .bool)
            .field("reason", .string)
            .create()
        try await database.schema("users")
            .field("awaiting_approval", .bool, .required, .sql(.default(false)))
            .update()
        try await database.schema("installation_facts")
            .field("id", .string, .identifier(auto: false))
            .field("recorded_at", .datetime, .required)
            .create()
        // An installation that already has a lead has used its one chance to name the first one.
        if let sql = database as? any SQLDatabase {
            try await sql.raw(
                """
                INSERT INTO installation_facts (id, recorded_at)
                SELECT 'has_had_dsl', MIN(created_at) FROM users WHERE role = 'dsl' HAVING COUNT(*) > 0
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("installation_facts").delete()
        try await database.schema("users").deleteField("awaiting_approval").update()
        try await database.schema("access_requests").delete()
    }
}
