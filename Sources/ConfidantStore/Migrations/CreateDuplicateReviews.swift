import FluentKit

/// Possible duplicates a recorder could not see, waiting for a safeguarding lead to review.
struct CreateDuplicateReviews: AsyncMigration {
    var name: String { "2026-12-01-create-duplicate-reviews" }

    func prepare(on database: any Database) async throws {
        try await database.schema("duplicate_reviews")
            .field("id", .uuid, .identifier(auto: false))
            .field("person_id", .uuid, .required)
            .field("matches", .string, .required)
            .field("raised_by", .uuid, .required)
            .field("raised_at", .datetime, .required)
            .field("resolved_by", .uuid)
            .field("resolved_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("duplicate_reviews").delete()
    }
}
