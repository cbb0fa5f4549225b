import FluentKit

/// Each form a signed-in person submits carries a one-use token; the first submission that succeeds keeps the
/// address of what it made, so a second submission of the same form is shown that instead of making another.
/// Schema only.
struct CreateFormSubmissions: AsyncMigration {
    var name: String { "2026-12-03-create-form-submissions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("form_submissions")
            .field("token_hash", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required)
            .field("location", .string)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("form_submissions").delete()
    }
}
