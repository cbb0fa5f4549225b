import FluentKit
import SQLKit

/// Leases: which instance does a job that only one may do at a time (signing audit checkpoints), until when.
/// And which instance signed each checkpoint, so that an auditor (and the multi-instance test) can see that
/// one instance signed at a time.
struct CreateLeases: AsyncMigration {
    var name: String { "2026-12-04-create-leases" }

    func prepare(on database: any Database) async throws {
        try await database.schema("leases")
            .field("name", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("held_until", .datetime, .required)
            .create()
        try await database.schema("audit_checkpoints").field("signer", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_checkpoints").deleteField("signer").update()
        try await database.schema("leases").delete()
    }
}
