import FluentKit

/// The leads' retention decisions on advice asked about nobody in particular (`AdviceRetentionStore`): the same steps
/// as a person's file's, each reason sealed. Schema only.
struct CreateAdviceRetention: AsyncMigration {
    var name: String { "2026-12-19-create-advice-retention" }

    func prepare(on database: any Database) async throws {
        try await database.schema("advice_retention_decisions")
            .id()
            .field("advice_id", .uuid, .required, .references("advice_requests", "id"))
            .field("step", .string, .required)
            .field("until", .datetime)
            .field("key_id", .string, .required)
            .field("sealed_reason", .string, .required)
            .field("decided_by", .uuid, .required)
            .field("decided_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("advice_retention_decisions").delete()
    }
}
