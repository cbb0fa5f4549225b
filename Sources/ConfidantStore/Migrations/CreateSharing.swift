import FluentKit

/// Partner agencies, their contacts, and shares (issue 7).
struct CreateSharing: AsyncMigration {
    var name: String { "2026-11-25-create-sharing" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PartnerAgencyModel.schema)
            .id()
            .field("name", .string, .required)
            .field("type", .string, .required)
            .field("agreement_reference", .string, .required)
            .field("agreement_review_date", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(AgencyContactModel.schema)
            .id()
            .field("agency_id", .uuid, .required, .references(PartnerAgencyModel.schema, "id"))
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(ShareModel.schema)
            .id()
            .field("concern_id", .uuid, .required, .references(ConcernModel.schema, "id"))
            .field("person_id", .uuid, .required, .references(PersonModel.schema, "id"))
            .field("proposer_id", .uuid, .required, .references(UserModel.schema, "id"))
            .field("status", .string, .required)
            .field("recipient_user_id", .uuid, .references(UserModel.schema, "id"))
            .field("recipient_contact_id", .uuid, .references(AgencyContactModel.schema, "id"))
            .field("key_id", .string, .required)
            .field("sealed_snapshot", .string, .required)
            .field("created_at", .datetime, .required)
            .field("decided_by", .uuid, .references(UserModel.schema, "id"))
            .field("decided_at", .datetime)
            .field("sealed_refusal", .string)
            .field("expires_at", .datetime)
            .field("revoked_at", .datetime)
            .create()
        try await database.schema(ShareTaskModel.schema)
            .id()
            .field("share_id", .uuid, .required, .references(ShareModel.schema, "id"))
            .field("person_id", .uuid, .required, .references(PersonModel.schema, "id"))
            .field("kind", .string, .required)
            .field("due_at", .datetime, .required)
            .field("completed_by", .uuid, .references(UserModel.schema, "id"))
            .field("completed_at", .datetime)
            .field("method", .string)
            .field("key_id", .string)
            .field("sealed_note", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [ShareTaskModel.schema, ShareModel.schema, AgencyContactModel.schema, PartnerAgencyModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
