import FluentKit
import FluentSQL

/// Creates the policy version, consultation, acknowledgment and reminder tables.
struct CreatePolicyVersions: AsyncMigration {
    var name: String { "2026-11-29-create-policy-versions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("policy_versions")
            .id()
            .field("number", .int, .required)
            .field("name", .string, .required)
            .field("label", .string, .required)
            .field("status", .string, .required)
            .field("source_text", .string, .required)
            .field("clauses_json", .string, .required)
            .field("based_on", .uuid)
            .field("created_by", .uuid, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("consultation_opened_at", .datetime)
            .field("publication_requested_by", .uuid, .references("users", "id"))
            .field("publication_requested_at", .datetime)
            .field("publication_refusal", .string)
            .field("approved_by", .uuid, .references("users", "id"))
            .field("published_at", .datetime)
            .field("superseded_at", .datetime)
            .field("acknowledgement_baseline", .int)
            .unique(on: "number")
            .create()
        // At most one current version, whatever two managers do at the same moment. Fluent has no
        // partial index; both SQLite and PostgreSQL accept this statement as written.
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE UNIQUE INDEX policy_versions_one_published ON policy_versions (status) WHERE status = 'published'").run()
        }
        try await database.schema("policy_consultees")
            .id()
            .field("version_id", .uuid, .required, .references("policy_versions", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .unique(on: "version_id", "user_id")
            .create()
        try await database.schema("policy_comments")
            .id()
            .field("version_id", .uuid, .required, .references("policy_versions", "id"))
            .field("section_id", .string, .required)
            .field("section_heading", .string, .required)
            .field("author_id", .uuid, .required, .references("users", "id"))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("answer", .string)
            .field("answered_by", .uuid, .references("users", "id"))
            .field("answered_at", .datetime)
            .field("resolved_at", .datetime)
            .create()
        try await database.schema("policy_acknowledgements")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("version_id", .uuid, .required, .references("policy_versions", "id"))
            .field("version_number", .int, .required)
            .field("acknowledged_at", .datetime, .required)
            .field("understanding_passed", .bool, .required)
            .unique(on: "user_id", "version_id")
            .create()
        try await database.schema("policy_reminders")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("version_id", .uuid, .required, .references("policy_versions", "id"))
            .field("sent_by", .uuid, .references("users", "id"))
            .field("sent_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("policy_reminders").delete()
        try await database.schema("policy_acknowledgements").delete()
        try await database.schema("policy_comments").delete()
        try await database.schema("policy_consultees").delete()
        try await database.schema("policy_versions").delete()
    }
}
