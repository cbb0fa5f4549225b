/// The head of the log as the writer sees it: appends events in order and keeps the tree head current.
///
/// The store uses it inside the transaction that records a change (docs/audit.md: the event is
/// written in the same transaction, so it is never lost): read the last event, resume the
/// appender (or just call `AuditEvent.make` with its sequence and hash), append, insert.
/// The frontier makes the tree head at the new size available in O(log n) for a
/// checkpoint without re-reading the log.
public struct AuditAppender: Hashable, Sendable {
    /// The hashes at the right edge of the tree of all events so far.
    public private(set) var frontier: MerkleFrontier
    /// The hash of the last event, or `AuditHash.zero` when the log is empty.
    public private(set) var lastHash: AuditHash

    /// An appender for an empty log.
    public init() {
        frontier = MerkleFrontier()
        lastHash = .zero
    }

    /// Resumes after `lastEvent` with the frontier stored for the same size.
    public init(resumingAfter lastEvent: AuditEvent, frontier: MerkleFrontier) throws(AuditError) {
        guard lastEvent.sequence == frontier.size else {
            throw .resumeMismatch(eventSequence: lastEvent.sequence, frontierSize: frontier.size)
        }
        self.frontier = frontier
        self.lastHash = lastEvent.hash
    }

    /// Resumes from a stored head: the frontier and the hash of the event at its size.
    ///
    /// The store keeps both in one head row, so an append reads one row instead of the last event.
    public init(resuming frontier: MerkleFrontier, lastHash: AuditHash) throws(AuditError) {
        guard (frontier.size == 0) == (lastHash == .zero) else {
            throw .resumeMismatch(eventSequence: lastHash == .zero ? 0 : frontier.size, frontierSize: frontier.size)
        }
        self.frontier = frontier
        self.lastHash = lastHash
    }

    /// How many events the log holds (the sequence number of the last one).
    public var size: UInt64 { frontier.size }

    /// The RFC 9162 tree head over all events so far: what a checkpoint signs.
    public var treeHead: AuditHash { frontier.root }

    /// Makes the next event from `entry`, advances the head, and returns the event for the store to insert.
    public mutating func append(_ entry: AuditEntry) throws(AuditError) -> AuditEvent {
        guard size < UInt64.max else { throw .sequenceOverflow }
        let event = try AuditEvent.make(sequence: size + 1, previousHash: lastHash, entry: entry)
        frontier.append(event.hash)
        lastHash = event.hash
        return event
    }
}
