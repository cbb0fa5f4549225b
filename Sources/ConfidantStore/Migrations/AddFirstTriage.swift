import FluentKit
import SQLKit

/// Each concern's first triage decision, when and what, kept on the concern itself: the reports count outcomes and
/// time to triage per concern, and reading the first of its decisions for every concern of a period was most of a
/// report's cost. Set once by the first decision (`RecordStore.decide`), never changed by later ones; concerns
/// decided before this migration get theirs from their decisions here.
package struct AddFirstTriage: AsyncMigration {
    package var name: String { "2026-12-06-add-first-triage" }

    package func prepare(on database: any Database) async throws {
        try await database.schema("concerns").field("first_triaged_at", .datetime).update()
        try await database.schema("concerns").field("first_triage_outcome", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await Self.fill(sql)
    }

    /// Sets each decided concern's first decision from its decisions.
    package static func fill(_ sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE concerns SET
              first_triaged_at = (SELECT d.decided_at FROM triage_decisions d WHERE d.concern_id = concerns.id ORDER BY d.decided_at LIMIT 1),
              first_triage_outcome = (SELECT d.outcome FROM triage_decisions d WHERE d.concern_id = concerns.id ORDER BY d.decided_at LIMIT 1)
            WHERE EXISTS (SELECT 1 FROM triage_decisions d WHERE d.concern_id = concerns.id)
            """
        ).run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema("concerns").deleteField("first_triage_outcome").update()
        try await database.schema("concerns").deleteField("first_triaged_at").update()
    }
}
