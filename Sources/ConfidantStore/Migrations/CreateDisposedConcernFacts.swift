import FluentKit
import SQLKit

/// What the oversight reports count of a concern whose person's file was disposed of (`FileDisposal`): the same
/// plain facts as the concern's own columns, with no id, no person and no word of it, so that a report of a past
/// period gives the same figures after a disposal as before. Schema only.
struct CreateDisposedConcernFacts: AsyncMigration {
    var name: String { "2026-12-14-create-disposed-concern-facts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("disposed_concern_facts")
            .id()
            .field("submitted_at", .datetime, .required)
            .field("conversation_at", .datetime)
            .field("first_triaged_at", .datetime)
            .field("category_list", .array(of: .string))
            .field("risk", .string)
            .field("disclosed_by", .string)
            .field("limits_explained", .bool)
            .field("offered", .string)
            .field("wishes_asked", .bool)
            .field("first_triage_outcome", .string)
            .field("achieved", .string)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX disposed_concern_facts_submitted_at ON disposed_concern_facts (submitted_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("disposed_concern_facts").delete()
    }
}
