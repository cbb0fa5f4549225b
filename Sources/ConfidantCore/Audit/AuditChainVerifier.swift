/// Checks the whole audit log in one pass, in constant memory, and reports the first thing wrong.
///
/// Feed it the stored events in sequence order (`consume`), then call `finish`. For each
/// event it checks, in this order: the sequence number is the next one (a gap means a
/// deletion; a repeat or step back means an insertion or reordering), the fields are
/// within the limits, the stored hash is the hash of the stored fields (any field
/// changed), and the previous hash is the hash of the event before (an event rewritten
/// and re-hashed). The Merkle frontier follows along, so at each signed checkpoint's size
/// the recomputed tree head is compared with the signed one (a rewrite that re-hashed
/// everything after it), and a checkpoint beyond the end of the log shows a truncated tail.
/// Memory is the O(log n) frontier, the sorted checkpoints and one reusable buffer.
///
/// The verifier stops at the first failure and then ignores further events, so the
/// caller may stop reading as soon as `consume` returns one.
public struct AuditChainVerifier: Sendable {
    private let checkpoints: [SignedCheckpoint]
    private let keys: AuditKeyChain
    private let origin: String
    private var nextCheckpoint = 0
    private var checkpointsVerified = 0
    private var frontier = MerkleFrontier()
    private var lastHash = AuditHash.zero
    private var failure: AuditFailure?
    private var buffer: [UInt8] = []

    /// Prepares to verify a log named `origin` against its signed checkpoints and the public key.
    ///
    /// `key` may be nil only when there are no checkpoints yet (a new installation); a
    /// checkpoint without a key to check it counts as an invalid signature.
    public init(checkpoints: [SignedCheckpoint], key: AuditVerifierKey?, origin: String = Checkpoint.defaultOrigin) {
        self.init(checkpoints: checkpoints, keys: AuditKeyChain(anchor: key, rotationEvents: []), origin: origin)
    }

    /// Prepares to verify a log whose signing key was rotated: each checkpoint is checked with the key
    /// in force at its size (`AuditKeyChain.key(forCheckpointSize:)`).
    public init(checkpoints: [SignedCheckpoint], keys: AuditKeyChain, origin: String = Checkpoint.defaultOrigin) {
        // Stable sort: the order among equal sizes stays as stored, so a report is reproducible.
        self.checkpoints = checkpoints.enumerated()
            .sorted { ($0.element.checkpoint.treeSize, $0.offset) < ($1.element.checkpoint.treeSize, $1.offset) }
            .map(\.element)
        self.keys = keys
        self.origin = origin
        buffer.reserveCapacity(1024)
    }

    /// The failure found so far, if any.
    public var firstFailure: AuditFailure? { failure }

    /// Checks the next stored event; returns the first failure once there is one.
    @discardableResult
    public mutating func consume(_ event: AuditEvent) -> AuditFailure? {
        if failure != nil { return failure }
        checkCheckpointsAtCurrentSize()
        if failure != nil { return failure }
        let expected = frontier.size &+ 1
        if event.sequence > expected {
            return fail(sequence: expected, reason: .sequenceGap(found: event.sequence))
        }
        if event.sequence < expected {
            return fail(sequence: event.sequence, reason: .sequenceOutOfOrder(expected: expected))
        }
        if let field = event.oversizedField() {
            return fail(sequence: expected, reason: .malformed(field))
        }
        let computed = event.computedHash(reusing: &buffer)
        if computed != event.hash {
            return fail(sequence: expected, reason: .hashMismatch)
        }
        if event.previousHash != lastHash {
            return fail(sequence: expected, reason: .previousHashMismatch)
        }
        frontier.append(computed)
        lastHash = computed
        checkCheckpointsAtCurrentSize()
        return failure
    }

    /// Ends the stream: checks the checkpoints beyond the last event and returns the result.
    public mutating func finish() -> AuditVerificationResult {
        if failure == nil {
            checkCheckpointsAtCurrentSize()
        }
        if failure == nil, nextCheckpoint < checkpoints.count {
            // A checkpoint larger than the log: if it is genuinely signed, the log lost its tail.
            let signed = checkpoints[nextCheckpoint]
            if checkSignatureAndOrigin(signed) {
                _ = fail(sequence: frontier.size &+ 1, reason: .truncated(checkpointSize: signed.checkpoint.treeSize))
            }
        }
        return AuditVerificationResult(
            eventCount: frontier.size, treeHead: frontier.root, lastEventHash: lastHash,
            checkpointsVerified: checkpointsVerified, failure: failure
        )
    }

    /// Verifies a whole sequence of stored events against the checkpoints.
    public static func verify<Events: Sequence>(
        events: Events, checkpoints: [SignedCheckpoint], key: AuditVerifierKey?,
        origin: String = Checkpoint.defaultOrigin
    ) -> AuditVerificationResult where Events.Element == AuditEvent {
        var verifier = AuditChainVerifier(checkpoints: checkpoints, key: key, origin: origin)
        for event in events {
            if verifier.consume(event) != nil { break }
        }
        return verifier.finish()
    }

    private mutating func checkCheckpointsAtCurrentSize() {
        while failure == nil, nextCheckpoint < checkpoints.count,
            checkpoints[nextCheckpoint].checkpoint.treeSize == frontier.size
        {
            let signed = checkpoints[nextCheckpoint]
            guard checkSignatureAndOrigin(signed) else { return }
            guard signed.checkpoint.rootHash == frontier.root else {
                _ = fail(sequence: frontier.size, reason: .checkpointRootMismatch(treeSize: frontier.size))
                return
            }
            checkpointsVerified += 1
            nextCheckpoint += 1
        }
    }

    /// Records a failure and returns false when the checkpoint is not genuinely this log's.
    private mutating func checkSignatureAndOrigin(_ signed: SignedCheckpoint) -> Bool {
        let size = signed.checkpoint.treeSize
        guard let key = keys.key(forCheckpointSize: size), signed.isValid(for: key) else {
            _ = fail(sequence: size, reason: .checkpointSignatureInvalid(treeSize: size))
            return false
        }
        guard signed.checkpoint.origin == origin else {
            _ = fail(sequence: size, reason: .checkpointOriginMismatch(treeSize: size, origin: signed.checkpoint.origin))
            return false
        }
        return true
    }

    private mutating func fail(sequence: UInt64, reason: AuditFailure.Reason) -> AuditFailure {
        let found = AuditFailure(sequence: sequence, reason: reason)
        failure = found
        return found
    }
}
