import FluentKit

/// Files attached to concerns and people (`AttachmentStore`): one row a file with its sealed name, caption and file
/// key, and its bytes in `attachment_pieces`, each piece sealed under the file's key. Schema only.
struct CreateAttachments: AsyncMigration {
    var name: String { "2026-12-08-create-attachments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("attachments")
            .id()
            .field("owner_kind", .string, .required)
            .field("owner_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("removed_location", .bool, .required)
            .field("pieces", .int, .required)
            .field("complete", .bool, .required)
            .field("addendum", .bool, .required)
            .field("key_id", .string, .required)
            .field("sealed_key", .string, .required)
            .field("sealed_details", .string, .required)
            .field("added_by", .uuid, .required)
            .field("added_at", .datetime, .required)
            .create()
        try await database.schema("attachment_pieces")
            .id()
            .field("attachment_id", .uuid, .required, .references("attachments", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("box", .data, .required)
            .unique(on: "attachment_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("attachment_pieces").delete()
        try await database.schema("attachments").delete()
    }
}
