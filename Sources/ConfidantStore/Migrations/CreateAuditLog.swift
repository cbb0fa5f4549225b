import FluentKit
import FluentSQL

/// The audit log, its head and its signed checkpoints.
struct CreateAuditLog: AsyncMigration {
    var name: String { "2026-11-25-create-audit-log" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .field("seq", .int64, .identifier(auto: false))
            .field("time", .int64, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("target", .string, .required)
            .field("detail", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("size", .int64, .required)
            .field("last_hash", .string, .required)
            .field("frontier", .string, .required)
            .create()
        // The one head row: an empty log (size 0, the all-zero hash, no frontier).
        guard let sql = database as? any SQLDatabase else { throw StoreError.notSQL }
        try await sql.raw(
            """
            INSERT INTO audit_head (id, size, last_hash, frontier) VALUES (1, 0, \(bind: String(repeating: "0", count: 64)), '')
            """
        ).run()
        try await database.schema("audit_checkpoints")
            .field("tree_size", .int64, .identifier(auto: false))
            .field("note", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            // Searches by actor, target and action, and "who has seen this record", stay fast as the log grows.
            try await sql.create(index: "audit_events_target").on("audit_events").column("target").run()
            try await sql.create(index: "audit_events_actor").on("audit_events").column("actor").run()
            try await sql.create(index: "audit_events_action").on("audit_events").column("action").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_checkpoints").delete()
        try await database.schema("audit_head").delete()
        try await database.schema("audit_events").delete()
    }
}
