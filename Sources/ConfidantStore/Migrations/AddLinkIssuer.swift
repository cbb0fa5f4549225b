import FluentKit

/// Records who asked for each one-time link, so that the audit log names them when it is used.
struct AddLinkIssuer: AsyncMigration {
    var name: String { "2026-12-01-add-link-issuer" }

    func prepare(on database: any Database) async throws {
        try await database.schema("one_time_links").field("issued_by", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("one_time_links").deleteField("issued_by").update()
    }
}
