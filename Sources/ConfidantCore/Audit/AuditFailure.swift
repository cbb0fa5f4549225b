/// The first thing that is wrong with the log: the sequence number where verification stopped, and why.
public struct AuditFailure: Hashable, Sendable, CustomStringConvertible {
    /// Why verification failed; each reason names the kind of tampering it points to.
    public enum Reason: Hashable, Sendable {
        /// The stored hash is not the hash of the stored fields: a field was changed after the event was written.
        case hashMismatch
        /// The event's previous hash is not the hash of the event before it: an event was rewritten and re-hashed, or the chain spliced.
        case previousHashMismatch
        /// The expected sequence number is missing (the next stored event has `found`): an event was deleted.
        case sequenceGap(found: UInt64)
        /// This event's sequence number came again, or went backwards, where `expected` was due: an event was inserted or reordered.
        case sequenceOutOfOrder(expected: UInt64)
        /// A field is longer than the log allows, so the event cannot have been written by the application.
        case malformed(AuditEventField)
        /// A checkpoint's signature does not verify with the verifier key (or there is no key): forged or altered checkpoint.
        case checkpointSignatureInvalid(treeSize: UInt64)
        /// A checkpoint names another log.
        case checkpointOriginMismatch(treeSize: UInt64, origin: String)
        /// The tree head recomputed at a checkpoint's size is not the signed one: events up to there were rewritten.
        case checkpointRootMismatch(treeSize: UInt64)
        /// The log ends before a signed checkpoint's size: its tail was truncated.
        case truncated(checkpointSize: UInt64)
        /// The log ends before the size its store's head records: its tail was truncated after the last checkpoint.
        case shorterThanHead(headSize: UInt64)
    }

    /// The sequence number of the first event that fails: for a gap or truncation the first missing
    /// number, for a repeated or backward number that number, for a checkpoint the last event it covers.
    public var sequence: UInt64
    /// Why it fails.
    public var reason: Reason

    /// Makes a failure report.
    public init(sequence: UInt64, reason: Reason) {
        self.sequence = sequence
        self.reason = reason
    }

    /// A short machine-readable word for the reason, for JSON output and the auditor's page.
    public var code: String {
        switch reason {
        case .hashMismatch: "hash_mismatch"
        case .previousHashMismatch: "previous_hash_mismatch"
        case .sequenceGap: "sequence_gap"
        case .sequenceOutOfOrder: "sequence_out_of_order"
        case .malformed: "malformed"
        case .checkpointSignatureInvalid: "checkpoint_signature_invalid"
        case .checkpointOriginMismatch: "checkpoint_origin_mismatch"
        case .checkpointRootMismatch: "checkpoint_root_mismatch"
        case .truncated: "truncated"
        case .shorterThanHead: "truncated_after_checkpoint"
        }
    }

    /// Why, in a sentence an auditor can act on.
    public var explanation: String {
        switch reason {
        case .hashMismatch:
            "its stored hash does not match its content (a field was changed after it was written)"
        case .previousHashMismatch:
            "its previous hash does not match the hash of event \(sequence &- 1) (an event was rewritten or the chain spliced)"
        case .sequenceGap(let found):
            "missing: the next event in the log is \(found) (events were deleted)"
        case .sequenceOutOfOrder(let expected):
            "appears again, or out of order, where event \(expected) was due (an event was inserted or reordered)"
        case .malformed(let field):
            "its \(field.rawValue) is longer than \(field.byteLimit) bytes, which the application never writes"
        case .checkpointSignatureInvalid(let size):
            "the checkpoint at size \(size) has no valid signature from the verifier key (forged or altered checkpoint)"
        case .checkpointOriginMismatch(let size, let origin):
            "the checkpoint at size \(size) is for another log (\"\(origin)\")"
        case .checkpointRootMismatch(let size):
            "the tree head over events 1...\(size) does not match the signed checkpoint (events up to \(size) were rewritten)"
        case .truncated(let size):
            "missing: the log ends before the signed checkpoint at size \(size) (its tail was removed)"
        case .shorterThanHead(let size):
            "missing: the log ends before the \(size) events its head records (its tail was removed)"
        }
    }

    /// One line: `fail: event <sequence>: <explanation>`.
    public var description: String {
        "fail: event \(sequence): \(explanation)"
    }
}
