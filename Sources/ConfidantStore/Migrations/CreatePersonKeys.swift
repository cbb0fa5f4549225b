import FluentKit

/// Each person's own file key, sealed under the installation's key (`PersonKeys`). Schema only.
struct CreatePersonKeys: AsyncMigration {
    var name: String { "2026-12-15-create-person-keys" }

    func prepare(on database: any Database) async throws {
        try await database.schema("person_keys")
            .field("person_id", .uuid, .identifier(auto: false), .references("people", "id"))
            .field("key_id", .string, .required)
            .field("sealed_key", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("person_keys").delete()
    }
}
