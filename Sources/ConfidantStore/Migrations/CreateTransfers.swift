import FluentKit

/// Transfers of people's files to other organisations and from them (`TransferStore`), and on a concern that arrived
/// by one, where it came from. Schema only.
struct CreateTransfers: AsyncMigration {
    var name: String { "2026-12-17-create-transfers" }

    func prepare(on database: any Database) async throws {
        try await database.schema("transfers")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("receiver", .string, .required)
            .field("sha256", .string, .required)
            .field("key_id", .string, .required)
            .field("sealed_bundle", .string, .required)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .field("receipt_at", .datetime)
            .field("receipt_by", .string)
            .create()
        // Each transfer imported here, once: a bundle imported again is refused instead of doubling the file.
        try await database.schema("received_transfers")
            .field("transfer_id", .uuid, .identifier(auto: false))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("received_by", .uuid, .required)
            .field("received_at", .datetime, .required)
            .create()
        // Plain: the organisation and the original author's name, never content.
        try await database.schema("concerns").field("transferred_from", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("concerns").deleteField("transferred_from").update()
        try await database.schema("received_transfers").delete()
        try await database.schema("transfers").delete()
    }
}
