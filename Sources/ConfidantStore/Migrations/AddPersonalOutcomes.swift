import FluentKit

/// Making Safeguarding Personal: whether each concern's person was asked what they want to happen (a plain fact for
/// the reports; their words stay sealed in the narrative), and each case's closure, with whether it was achieved and
/// the person's own view sealed like any narrative.
struct AddPersonalOutcomes: AsyncMigration {
    var name: String { "2026-12-05-add-personal-outcomes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("concerns").field("wishes_asked", .bool).update()
        try await database.schema("case_closures")
            .id()
            .field("concern_id", .uuid, .required, .references("concerns", "id"))
            .field("closed_by", .uuid, .required)
            .field("closed_at", .datetime, .required)
            .field("achieved", .string, .required)
            .field("key_id", .string, .required)
            .field("sealed_view", .string, .required)
            // One closure a concern: closing twice at once cannot make two.
            .unique(on: "concern_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("case_closures").delete()
        try await database.schema("concerns").deleteField("wishes_asked").update()
    }
}
