/// The audit signing keys of a log in the order they signed, as its `audit_key_rotated` events declare them.
///
/// The chain of trust (docs/audit.md, "Rotating the signing key"): the first key signs every
/// checkpoint up to and including the size of the first rotation event, so the old key vouches
/// for the event that names its successor; the new key signs every later checkpoint, the first
/// of them one event after the rotation, so the new key vouches for the event that names its
/// predecessor. Trust therefore flows both ways from whichever key the verifier holds (the
/// anchor), and a chain that does not contain the anchor is not used at all: every checkpoint is
/// then checked with the anchor alone, and one signed by another key fails as forged.
public struct AuditKeyChain: Sendable {
    /// One rotation: the event's sequence number and the keys before and after it.
    public struct Rotation: Sendable {
        public let sequence: UInt64
        public let previous: AuditVerifierKey
        public let next: AuditVerifierKey
    }

    /// The key that signed the first checkpoints (nil: no key at all, so every checkpoint fails).
    public let first: AuditVerifierKey?
    /// The rotations, in sequence order.
    public let rotations: [Rotation]

    /// The detail field naming the key before a rotation.
    public static let previousField = "previous"
    /// The detail field naming the key after it.
    public static let nextField = "verifier_key"

    /// Builds the chain from the anchor and the log's rotation events (read, not yet verified: the
    /// verifier's hash checks cover them as it streams past).
    public init(anchor: AuditVerifierKey?, rotationEvents: [AuditEvent]) {
        let declared = rotationEvents.filter { $0.action == .auditKeyRotated }.sorted { $0.sequence < $1.sequence }
            .compactMap(Self.rotation(in:))
        guard let anchor, let start = declared.first?.previous else {
            self.first = anchor
            self.rotations = []
            return
        }
        var consistent = true
        var keyTexts = [start.text]
        for (index, rotation) in declared.enumerated() {
            if index > 0, rotation.previous.text != declared[index - 1].next.text { consistent = false }
            keyTexts.append(rotation.next.text)
        }
        // Whole keys are compared, never the 4-byte signed-note id, which could be matched by brute force.
        if consistent, keyTexts.contains(anchor.text) {
            self.first = start
            self.rotations = declared
        } else {
            self.first = anchor
            self.rotations = []
        }
    }

    /// The key that must have signed a checkpoint at tree size `size`: the first key, or the one after the last rotation before `size`.
    public func key(forCheckpointSize size: UInt64) -> AuditVerifierKey? {
        var key = first
        for rotation in rotations where rotation.sequence < size { key = rotation.next }
        return key
    }

    /// Every key, oldest first.
    public var keys: [AuditVerifierKey] { (first.map { [$0] } ?? []) + rotations.map(\.next) }

    static func rotation(in event: AuditEvent) -> Rotation? {
        guard let detail = AuditDetail(json: event.detail),
            case .string(let previousText)? = detail.fields[previousField], case .string(let nextText)? = detail.fields[nextField],
            let previous = try? AuditVerifierKey(text: previousText), let next = try? AuditVerifierKey(text: nextText)
        else { return nil }
        return Rotation(sequence: event.sequence, previous: previous, next: next)
    }
}
