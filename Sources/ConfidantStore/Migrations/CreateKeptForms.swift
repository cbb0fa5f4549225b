import FluentKit

/// What someone was writing when their session ended, sealed, until they sign in again and get it back. Schema only.
struct CreateKeptForms: AsyncMigration {
    var name: String { "2026-12-03-create-kept-forms" }

    func prepare(on database: any Database) async throws {
        try await database.schema("kept_forms")
            .id()
            .field("user_id", .uuid, .required)
            .field("path", .string, .required)
            .field("key_id", .string, .required)
            .field("sealed_body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("kept_forms").delete()
    }
}
