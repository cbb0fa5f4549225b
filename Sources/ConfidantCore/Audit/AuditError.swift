/// Why an audit event, frontier or checkpoint could not be made or read; each case says what to fix.
public enum AuditError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Sequence numbers start at 1.
    case sequenceStartsAtOne
    /// Event 1 has no predecessor, so its previous hash must be all zeros.
    case firstEventMustFollowZeroHash
    /// A required text field was empty.
    case emptyField(AuditEventField)
    /// A text field was longer than the log allows.
    case fieldTooLong(AuditEventField, limit: Int)
    /// A Merkle frontier's hashes do not fit its size (one hash per 1-bit of the size).
    case frontierShape(size: UInt64, hashes: Int)
    /// The event to resume after is not the last one the frontier covers.
    case resumeMismatch(eventSequence: UInt64, frontierSize: UInt64)
    /// The log is full (2^64 - 1 events).
    case sequenceOverflow
    /// A proof was asked for a leaf or size the tree does not have.
    case proofOutOfRange(index: UInt64, size: UInt64)
    /// A checkpoint origin or key name holds a character the text form cannot carry.
    case invalidName(String)
    /// Checkpoint or key text could not be read; the message names the line or part.
    case malformedText(String)
    /// The key material is not a valid Ed25519 key.
    case invalidKey
    /// The signer failed to produce a signature.
    case signingFailed

    /// A sentence naming what is wrong.
    public var description: String {
        switch self {
        case .sequenceStartsAtOne: "sequence numbers start at 1"
        case .firstEventMustFollowZeroHash: "event 1 must have the all-zero previous hash"
        case .emptyField(let field): "\(field.rawValue) must not be empty"
        case .fieldTooLong(let field, let limit): "\(field.rawValue) is longer than \(limit) bytes"
        case .frontierShape(let size, let hashes):
            "a frontier of size \(size) needs \(size.nonzeroBitCount) hashes, not \(hashes)"
        case .resumeMismatch(let sequence, let size):
            "the last event is \(sequence) but the frontier covers \(size) events"
        case .sequenceOverflow: "the log cannot grow past 2^64 - 1 events"
        case .proofOutOfRange(let index, let size): "leaf index \(index) is not in a tree of size \(size)"
        case .invalidName(let name):
            "\"\(name)\" cannot be used: names must be non-empty, without control characters, and key names without spaces or '+'"
        case .malformedText(let what): what
        case .invalidKey: "the key is not a valid Ed25519 key"
        case .signingFailed: "the signer failed to sign"
        }
    }
}
