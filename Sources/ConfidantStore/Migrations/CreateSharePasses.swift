import FluentKit

/// Passes that let a partner contact who opened a share with a one-time code open its files from that page
/// (`ShareStore.openWithAccessCode`). Schema only.
struct CreateSharePasses: AsyncMigration {
    var name: String { "2026-12-10-create-share-passes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("share_passes")
            .id()
            .field("share_id", .uuid, .required, .references("shares", "id"))
            .field("contact_id", .uuid, .required)
            .field("pass_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "pass_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("share_passes").delete()
    }
}
