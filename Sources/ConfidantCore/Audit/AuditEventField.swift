/// A field of an audit event, named as the store's columns are, for errors and failure reasons.
public enum AuditEventField: String, Hashable, Sendable, CaseIterable {
    /// The sequence number.
    case sequence
    /// The time in milliseconds.
    case time
    /// Who acted.
    case actor
    /// What was done.
    case action
    /// What it was done to.
    case target
    /// The JSON detail.
    case detail
    /// The previous event's hash.
    case previousHash = "previous_hash"
    /// The event's own hash.
    case hash

    /// The most UTF-8 bytes a text field may hold; the limits keep the detail small (no room for narrative)
    /// and keep every length well inside the 4-byte prefix of the canonical encoding.
    public var byteLimit: Int {
        switch self {
        case .actor: 256
        case .action: 64
        case .target: 256
        case .detail: 2048
        case .sequence, .time: 8
        case .previousHash, .hash: AuditHash.byteCount
        }
    }
}
