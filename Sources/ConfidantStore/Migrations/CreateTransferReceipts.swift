import FluentKit

/// What a sender tracks of a transfer's receipt (KCSIE: receipt confirmed): the named contact it went to, when it is
/// due, when it was opened, the hash of the token a receiving Confidant confirms with and the reminders sent; and on
/// each share a transfer sent, the transfer. Schema only.
struct CreateTransferReceipts: AsyncMigration {
    var name: String { "2026-12-18-transfer-receipts" }

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds one at a time.
        try await database.schema("transfers").field("contact_id", .uuid).update()
        try await database.schema("transfers").field("due_at", .datetime).update()
        try await database.schema("transfers").field("expires_at", .datetime).update()
        try await database.schema("transfers").field("opened_at", .datetime).update()
        try await database.schema("transfers").field("receipt_token_hash", .string).update()
        try await database.schema("transfers").field("reminders", .int, .required, .sql(.default(0))).update()
        try await database.schema("transfers").field("reminded_at", .datetime).update()
        try await database.schema("shares").field("transfer_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("shares").deleteField("transfer_id").update()
        for field in ["contact_id", "due_at", "expires_at", "opened_at", "receipt_token_hash", "reminders", "reminded_at"] {
            try await database.schema("transfers").deleteField(.string(field)).update()
        }
    }
}
