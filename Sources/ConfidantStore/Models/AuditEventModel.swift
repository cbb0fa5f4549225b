import ConfidantCore
import FluentKit

/// The `audit_events` table: the append-only, hash-chained log. Rows are only ever inserted.
final class AuditEventModel: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(custom: "seq", generatedBy: .user) var id: Int64?
    @Field(key: "time") var time: Int64
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "target") var target: String
    @Field(key: "detail") var detail: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    init(_ event: AuditEvent) {
        self.id = Int64(event.sequence)
        self.time = event.time
        self.actor = event.actor
        self.action = event.action.rawValue
        self.target = event.target
        self.detail = event.detail
        self.previousHash = event.previousHash.hex
        self.hash = event.hash.hex
    }

    /// The event exactly as stored; a hash that is not hex reads as zero, which the verifier then rejects.
    var event: AuditEvent {
        AuditEvent(
            sequence: UInt64(clamping: id ?? 0), time: time, actor: actor, action: AuditAction(rawValue: action),
            target: target, detail: detail, previousHash: AuditHash(hex: previousHash) ?? .zero,
            hash: AuditHash(hex: hash) ?? .zero)
    }
}

/// The `audit_head` table: one row with the log's size, last hash and Merkle frontier, so that an
/// append needs neither to re-read the log nor to guess; on PostgreSQL it is the row appends lock.
final class AuditHeadModel: Model, @unchecked Sendable {
    static let schema = "audit_head"
    static let onlyRow = 1

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "size") var size: Int64
    @Field(key: "last_hash") var lastHash: String
    /// The frontier's hashes in hex, comma-separated, largest subtree first.
    @Field(key: "frontier") var frontier: String

    init() {}

    init(empty: Void) {
        self.id = Self.onlyRow
        self.size = 0
        self.lastHash = AuditHash.zero.hex
        self.frontier = ""
    }
}

/// The `audit_checkpoints` table: signed tree heads, in the signed-note text an auditor can export.
final class AuditCheckpointModel: Model, @unchecked Sendable {
    static let schema = "audit_checkpoints"

    @ID(custom: "tree_size", generatedBy: .user) var id: Int64?
    @Field(key: "note") var note: String
    /// The instance that signed it (`CheckpointService`), when known.
    @OptionalField(key: "signer") var signer: String?

    init() {}

    init(_ checkpoint: SignedCheckpoint, signer: String? = nil) {
        self.id = Int64(clamping: checkpoint.checkpoint.treeSize)
        self.note = checkpoint.text
        self.signer = signer
    }
}
