import FluentKit

/// Creates the advice requests table.
struct CreateAdviceRequests: AsyncMigration {
    var name: String { "2026-11-25-create-advice-requests" }

    func prepare(on database: any Database) async throws {
        try await database.schema("advice_requests")
            .id()
            .field("asker_id", .uuid, .required, .references("users", "id"))
            .field("key_id", .string, .required)
            .field("sealed_question", .string, .required)
            .field("sealed_answer", .string)
            .field("answered_by", .uuid, .references("users", "id"))
            .field("asked_at", .datetime, .required)
            .field("answered_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("advice_requests").delete()
    }
}
