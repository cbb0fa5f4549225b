import FluentKit

/// The outbox with sealed bodies and delivery state, replacing `outbox_emails`.
///
/// The old table kept bodies (one-time codes, set-password links) in clear text and nothing ever
/// delivered them, so its rows are dropped rather than carried over: no key is at hand here to
/// seal them, and a code or link in them is better gone than readable in every backup.
struct CreateOutboxMessages: AsyncMigration {
    var name: String { "2026-12-01-create-outbox-messages" }

    func prepare(on database: any Database) async throws {
        try await database.schema("outbox_messages")
            .field("id", .uuid, .identifier(auto: false))
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("key_id", .string, .required)
            .field("sealed_body", .string, .required)
            .field("queued_at", .double, .required)
            .field("position", .int64, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .double, .required)
            .field("claimed_until", .double)
            .field("last_error", .string)
            .field("gave_up", .bool, .required)
            .create()
        try await database.schema("outbox_emails").delete()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox_messages").delete()
    }
}
