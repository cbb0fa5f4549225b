import FluentKit

/// People, their links, concerns, addenda and triage decisions.
struct CreateRecords: AsyncMigration {
    var name: String { "2026-11-25-create-records" }

    func prepare(on database: any Database) async throws {
        try await database.schema("people")
            .id()
            .field("kind", .string, .required)
            .field("key_id", .string, .required)
            .field("sealed_details", .string, .required)
            .field("created_by", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("person_links")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("linked_person_id", .uuid, .required, .references("people", "id"))
            .field("relationship", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "person_id", "linked_person_id")
            .create()
        try await database.schema("concerns")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("author_id", .uuid, .required, .references("users", "id"))
            .field("status", .string, .required)
            .field("conversation_at", .datetime)
            .field("disclosed_by", .string)
            .field("limits_explained", .bool)
            .field("secrecy_requested", .bool)
            .field("offered", .string)
            .field("categories", .string, .required)
            .field("risk", .string)
            .field("key_id", .string, .required)
            .field("sealed_narrative", .string, .required)
            .field("assigned_to", .uuid, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .create()
        try await database.schema("addenda")
            .id()
            .field("concern_id", .uuid, .required, .references("concerns", "id"))
            .field("author_id", .uuid, .required, .references("users", "id"))
            .field("key_id", .string, .required)
            .field("sealed_text", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("triage_decisions")
            .id()
            .field("concern_id", .uuid, .required, .references("concerns", "id"))
            .field("decider_id", .uuid, .required, .references("users", "id"))
            .field("outcome", .string, .required)
            .field("key_id", .string, .required)
            .field("sealed_reason", .string, .required)
            .field("review_date", .string)
            .field("decided_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [
            "triage_decisions", "addenda", "concerns",
            "person_links", "people",
        ] {
            try await database.schema(schema).delete()
        }
    }
}
