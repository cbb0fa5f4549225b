import FluentKit

/// The breach register (`BreachStore`). Schema only.
struct CreateBreaches: AsyncMigration {
    var name: String { "2026-12-11-create-breaches" }

    func prepare(on database: any Database) async throws {
        try await database.schema("breaches")
            .id()
            .field("reported_by", .uuid, .required)
            .field("reported_at", .datetime, .required)
            .field("discovered_at", .datetime, .required)
            .field("share_id", .uuid, .references("shares", "id"))
            .field("key_id", .string, .required)
            .field("sealed_report", .string, .required)
            .field("sealed_decisions", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("breaches").delete()
    }
}
