import FluentKit

/// Retention reviews' decisions (`RetentionStore`). Schema only.
struct CreateRetentionDecisions: AsyncMigration {
    var name: String { "2026-12-13-create-retention-decisions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("retention_decisions")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("step", .string, .required)
            .field("until", .datetime)
            .field("key_id", .string, .required)
            .field("sealed_reason", .string, .required)
            .field("decided_by", .uuid, .required)
            .field("decided_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("retention_decisions").delete()
    }
}
