import FluentKit

/// Partner agencies, their contacts, and shares (docs/sharing.md).
struct CreateSharing: AsyncMigration {
    var name: String { "2026-11-25-create-sharing" }

    func prepare(on database: any Database) async throws {
        try await database.schema("partner_agencies")
            .id()
            .field("name", .string, .required)
            .field("type", .string, .required)
            .field("agreement_reference", .string, .required)
            .field("agreement_review_date", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("agency_contacts")
            .id()
            .field("agency_id", .uuid, .required, .references("partner_agencies", "id"))
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("shares")
            .id()
            .field("concern_id", .uuid, .required, .references("concerns", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("proposer_id", .uuid, .required, .references("users", "id"))
            .field("status", .string, .required)
            .field("recipient_user_id", .uuid, .references("users", "id"))
            .field("recipient_contact_id", .uuid, .references("agency_contacts", "id"))
            .field("key_id", .string, .required)
            .field("sealed_snapshot", .string, .required)
            .field("created_at", .datetime, .required)
            .field("decided_by", .uuid, .references("users", "id"))
            .field("decided_at", .datetime)
            .field("sealed_refusal", .string)
            .field("expires_at", .datetime)
            .field("revoked_at", .datetime)
            .create()
        try await database.schema("share_tasks")
            .id()
            .field("share_id", .uuid, .required, .references("shares", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("kind", .string, .required)
            .field("due_at", .datetime, .required)
            .field("completed_by", .uuid, .references("users", "id"))
            .field("completed_at", .datetime)
            .field("method", .string)
            .field("key_id", .string)
            .field("sealed_note", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in ["share_tasks", "shares", "agency_contacts", "partner_agencies"] {
            try await database.schema(schema).delete()
        }
    }
}
