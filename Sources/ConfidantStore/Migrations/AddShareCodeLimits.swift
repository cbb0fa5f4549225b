import FluentKit

/// Where each one-time code was asked from, and wrong guesses counted per network address
/// (`docs/sharing.md`, "Contacts without an account"). Schema only.
struct AddShareCodeLimits: AsyncMigration {
    var name: String { "2026-12-02-add-share-code-limits" }

    func prepare(on database: any Database) async throws {
        try await database.schema("share_access_codes")
            .field("requested_from", .string)
            .update()
        try await database.schema("share_code_guesses")
            .field("address", .string, .required)
            .field("failures", .int, .required)
            .field("window_started_at", .datetime, .required)
            .unique(on: "address")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("share_code_guesses").delete()
        try await database.schema("share_access_codes").deleteField("requested_from").update()
    }
}
