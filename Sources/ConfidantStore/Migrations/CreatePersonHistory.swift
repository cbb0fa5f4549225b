import FluentKit

/// A person's details as they were before each correction, sealed like the details themselves. Schema only.
struct CreatePersonHistory: AsyncMigration {
    var name: String { "2026-12-03-create-person-history" }

    func prepare(on database: any Database) async throws {
        try await database.schema("person_history")
            .id()
            .field("person_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("key_id", .string, .required)
            .field("sealed_details", .string, .required)
            .field("changed_by", .uuid, .required)
            .field("changed_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("person_history").delete()
    }
}
