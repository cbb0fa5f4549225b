import FluentKit

/// Marks on body-map outlines, one row a mark on a concern (`BodyMarkStore`). Schema only.
struct CreateBodyMarks: AsyncMigration {
    var name: String { "2026-12-09-create-body-marks" }

    func prepare(on database: any Database) async throws {
        try await database.schema("body_marks")
            .id()
            .field("concern_id", .uuid, .required, .references("concerns", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required)
            .field("seen_on", .string, .required)
            .field("key_id", .string, .required)
            .field("sealed_mark", .string, .required)
            .field("added_by", .uuid, .required)
            .field("added_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("body_marks").delete()
    }
}
