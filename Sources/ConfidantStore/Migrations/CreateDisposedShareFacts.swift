import FluentKit
import SQLKit

/// What the sharing report counts of a share whose person's file was disposed of (`FileDisposal`): the month it was
/// proposed in, how it ended, whether it named the person, and how telling them had gone by the disposal, with no id,
/// person or word. Schema only.
struct CreateDisposedShareFacts: AsyncMigration {
    var name: String { "2026-12-16-create-disposed-share-facts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("disposed_share_facts")
            .id()
            .field("created_at", .datetime, .required)
            .field("status", .string, .required)
            .field("engine_outcome", .string)
            .field("identified", .bool)
            .field("informing", .string)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX disposed_share_facts_created_at ON disposed_share_facts (created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("disposed_share_facts").delete()
    }
}
