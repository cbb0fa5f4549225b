import FluentKit

/// Creates the one-time code and outbox tables.
struct CreateShareAccessCodes: AsyncMigration {
    var name: String { "2026-11-25-create-share-access-codes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("share_access_codes")
            .id()
            .field("share_id", .uuid, .required, .references("shares", "id"))
            .field("code_hash", .string, .required)
            .field("attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .create()
        try await database.schema("outbox_emails")
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox_emails").delete()
        try await database.schema("share_access_codes").delete()
    }
}
