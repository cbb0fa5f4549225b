import FluentKit

/// The subject access register (`SubjectAccessStore`). Schema only.
struct CreateSubjectAccessRequests: AsyncMigration {
    var name: String { "2026-12-12-create-subject-access-requests" }

    func prepare(on database: any Database) async throws {
        try await database.schema("subject_access_requests")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("received_on", .datetime, .required)
            .field("due_on", .datetime, .required)
            .field("stopped", .bool, .required)
            .field("recorded_by", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .field("released_at", .datetime)
            .field("released_by", .uuid)
            .field("key_id", .string, .required)
            .field("sealed_details", .string, .required)
            .field("sealed_progress", .string, .required)
            .field("sealed_workspace", .string)
            .field("sealed_response", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("subject_access_requests").delete()
    }
}
