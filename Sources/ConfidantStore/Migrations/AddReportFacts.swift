import FluentKit
import SQLKit

/// The plain facts the oversight reports count, kept beside the sealed record so a report reads no sealed text:
/// each share's engine outcome and whether it named the person (both also inside its sealed snapshot), and an index
/// on when concerns were submitted, so a report of a period reads only that period's rows, and on each concern's
/// decisions in time order, so its first decision is one index lookup.
///
/// Shares made before this migration have the two columns empty; the report store fills them from the snapshot the
/// first time a report counts them (the migration has no key to open snapshots with).
struct AddReportFacts: AsyncMigration {
    var name: String { "2026-12-05-add-report-facts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("shares").field("engine_outcome", .string).update()
        try await database.schema("shares").field("identified", .bool).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX concerns_submitted_at ON concerns (submitted_at)").run()
        try await sql.raw("CREATE INDEX shares_created_at ON shares (created_at)").run()
        // A concern's first decision, found without reading every decision.
        try await sql.raw("CREATE INDEX triage_decisions_concern ON triage_decisions (concern_id, decided_at)").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX triage_decisions_concern").run()
            try await sql.raw("DROP INDEX shares_created_at").run()
            try await sql.raw("DROP INDEX concerns_submitted_at").run()
        }
        try await database.schema("shares").deleteField("identified").update()
        try await database.schema("shares").deleteField("engine_outcome").update()
    }
}
