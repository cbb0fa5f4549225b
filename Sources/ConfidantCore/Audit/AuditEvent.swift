/// One entry of the append-only audit log: who did what to which record, when, chained to the entry before.
///
/// docs/audit.md and capability 8 of the product spec ([Policy statement]: trust, and the
/// organisation being able to show it) ask that every read, write, share, export and
/// sign-in leaves such an entry. The store persists exactly these fields; `hash` is the
/// RFC 9162 leaf hash of `canonicalEncoding`, which covers every other field including
/// `previousHash`, so changing any stored field, or the order of events, breaks the chain.
///
/// Time is milliseconds since the Unix epoch (UTC) as an `Int64`: an integer hashes
/// the same on every database and platform, whereas an ISO-8601 string can be
/// re-formatted (precision, `Z` versus `+00:00`) by a driver and so break the hash.
///
/// `detail` is a small canonical JSON object (see `AuditDetail`) saying *which* record
/// and *which parts* — identifiers, field names, counts — and never case content:
/// the log is read by auditors, who may see case content only de-identified.
public struct AuditEvent: Hashable, Sendable {
    /// Position in the log, starting at 1 and rising by exactly 1.
    public var sequence: UInt64
    /// When it happened, in milliseconds since 1970-01-01T00:00:00Z.
    public var time: Int64
    /// The user id of whoever acted, or `AuditEvent.systemActor` / `AuditEvent.anonymousActor`.
    public var actor: String
    /// What was done.
    public var action: AuditAction
    /// What it was done to, as `kind:id` (e.g. `disclosure:123`, `user:42`), or empty when nothing.
    public var target: String
    /// A small canonical JSON object with identifiers only, never case content.
    public var detail: String
    /// The `hash` of the event before, or `AuditHash.zero` for the first event.
    public var previousHash: AuditHash
    /// The RFC 9162 leaf hash of this event's canonical encoding, as stored.
    public var hash: AuditHash

    /// The actor for events the application records on its own (checkpoints, scheduled tasks).
    public static let systemActor = "system"
    /// The actor for events with no signed-in user (e.g. a failed sign-in for an unknown name).
    public static let anonymousActor = "anonymous"

    /// Makes an event from stored fields as they are, without checking the hash (the verifier does that).
    public init(
        sequence: UInt64, time: Int64, actor: String, action: AuditAction, target: String,
        detail: String, previousHash: AuditHash, hash: AuditHash
    ) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Makes a new event at `sequence` after `previousHash`, checking its fields and computing its hash.
    ///
    /// This is what the appender calls inside the same database transaction as the change
    /// the event records (docs/audit.md: an event is never lost); it throws rather than store an
    /// event the verifier would later reject.
    public static func make(
        sequence: UInt64, previousHash: AuditHash, entry: AuditEntry
    ) throws(AuditError) -> AuditEvent {
        guard sequence >= 1 else { throw .sequenceStartsAtOne }
        guard sequence > 1 || previousHash == .zero else { throw .firstEventMustFollowZeroHash }
        guard !entry.actor.isEmpty else { throw .emptyField(.actor) }
        guard !entry.action.rawValue.isEmpty else { throw .emptyField(.action) }
        var event = AuditEvent(
            sequence: sequence, time: entry.time, actor: entry.actor, action: entry.action,
            target: entry.target, detail: entry.detail.json, previousHash: previousHash, hash: .zero
        )
        if let field = event.oversizedField() {
            throw .fieldTooLong(field, limit: field.byteLimit)
        }
        event.hash = event.computedHash()
        return event
    }

    /// The field that is longer than the log allows, if any (the verifier reports such an event as malformed).
    public func oversizedField() -> AuditEventField? {
        if actor.utf8.count > AuditEventField.actor.byteLimit { return .actor }
        if action.rawValue.utf8.count > AuditEventField.action.byteLimit { return .action }
        if target.utf8.count > AuditEventField.target.byteLimit { return .target }
        if detail.utf8.count > AuditEventField.detail.byteLimit { return .detail }
        return nil
    }
}
