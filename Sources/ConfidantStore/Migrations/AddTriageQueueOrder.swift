import ConfidantCore
import FluentKit
import Foundation
import SQLKit

/// The triage queue read in order a page at a time: each submitted concern keeps its queue position
/// (`Concern.triagePriority`) and whether it still waits for a decision, with an index in the queue's order, so a
/// page of the queue reads only that page's rows however many concerns were ever recorded.
struct AddTriageQueueOrder: AsyncMigration {
    var name: String { "2026-12-04-add-triage-queue-order" }

    func prepare(on database: any Database) async throws {
        try await database.schema("concerns").field("triage_priority", .int).update()
        try await database.schema("concerns").field("awaiting_triage", .bool, .required, .sql(.default(false))).update()
        guard let sql = database as? any SQLDatabase else { return }
        // The position comes from plain columns (risk, the promise made, whether the limits were explained), so the
        // migration needs no key.
        let rows = try await sql.raw(
            "SELECT id, risk, offered, limits_explained FROM concerns WHERE status = \(bind: ConcernStatus.submitted.rawValue)"
        ).all()
        for row in rows {
            let alerts = ConcernAlert.alerts(
                risk: try row.decode(column: "risk", as: String?.self).flatMap(RiskLevel.init(rawValue:)),
                offered: try row.decode(column: "offered", as: String?.self).flatMap(ConfidentialityOffered.init(rawValue:)),
                limitsExplained: try row.decode(column: "limits_explained", as: Bool?.self))
            try await sql.raw(
                "UPDATE concerns SET triage_priority = \(bind: ConcernAlert.priority(of: alerts)) WHERE id = \(bind: try row.decode(column: "id", as: UUID.self))"
            ).run()
        }
        try await sql.raw(
            """
            UPDATE concerns SET awaiting_triage = \(bind: true) WHERE status = \(bind: ConcernStatus.submitted.rawValue)
              AND NOT EXISTS (SELECT 1 FROM triage_decisions d WHERE d.concern_id = concerns.id)
            """
        ).run()
        try await sql.raw("CREATE INDEX concerns_triage_queue ON concerns (awaiting_triage, triage_priority, submitted_at, id)").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP INDEX concerns_triage_queue").run() }
        try await database.schema("concerns").deleteField("awaiting_triage").update()
        try await database.schema("concerns").deleteField("triage_priority").update()
    }
}
