import FluentKit

/// The fingerprints of the keys this database's data depends on (never the keys themselves).
///
/// `kind` is `data` (an AES key of the ring, `key_id` its `k-…` id) or `audit` (a checkpoint
/// signing key, `key_id` its signed-note key id, `verifier_key` its public half). `state` is
/// `current`, `previous` (still in use) or `retired`. For audit keys, `from_size` and `to_size`
/// are the tree sizes of the first and last checkpoints the key may sign (the handover checkpoint
/// at a rotation is signed by both keys). Serve's start-up check compares the key files with
/// these rows (docs/security.md, "Keys").
struct CreateInstallationKeys: AsyncMigration {
    var name: String { "2026-12-01-create-installation-keys" }

    func prepare(on database: any Database) async throws {
        try await database.schema("installation_keys")
            .field("kind", .string, .required)
            .field("key_id", .string, .required)
            .field("state", .string, .required)
            .field("verifier_key", .string)
            .field("from_size", .int64)
            .field("to_size", .int64)
            .field("recorded_at", .int64, .required)
            .unique(on: "kind", "key_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("installation_keys").delete()
    }
}
