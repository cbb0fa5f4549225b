import FluentKit
import FluentSQL

/// The audit log, its head and its signed checkpoints.
struct CreateAuditLog: AsyncMigration {
    var name: String { "2026-11-25-create-audit-log" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEventModel.schema)
            .field("seq", .int64, .identifier(auto: false))
            .field("time", .int64, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("target", .string, .required)
            .field("detail", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await database.schema(AuditHeadModel.schema)
            .field("id", .int, .identifier(auto: false))
            .field("size", .int64, .required)
            .field("last_hash", .string, .required)
            .field("frontier", .string, .required)
            .create()
        try await AuditHeadModel(empty: ()).create(on: database)
        try await database.schema(AuditCheckpointModel.schema)
            .field("tree_size", .int64, .identifier(auto: false))
            .field("note", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            // Searches by actor, target and action, and "who has seen this record", stay fast as the log grows.
            try await sql.create(index: "audit_events_target").on(AuditEventModel.schema).column("target").run()
            try await sql.create(index: "audit_events_actor").on(AuditEventModel.schema).column("actor").run()
            try await sql.create(index: "audit_events_action").on(AuditEventModel.schema).column("action").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditCheckpointModel.schema).delete()
        try await database.schema(AuditHeadModel.schema).delete()
        try await database.schema(AuditEventModel.schema).delete()
    }
}
