import FluentKit

/// Bearer tokens end by themselves: the time each stops working.
struct AddTokenExpiry: AsyncMigration {
    var name: String { "2026-12-01-add-token-expiry" }

    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("expires_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("expires_at").update()
    }
}
