/// What verifying the whole log found: intact with its size and head, or the first failure.
public struct AuditVerificationResult: Hashable, Sendable {
    /// How many events were read and found sound (all of them when intact; those before the failure otherwise).
    public var eventCount: UInt64
    /// The RFC 9162 tree head over those events: the value a checkpoint would sign.
    public var treeHead: AuditHash
    /// The hash of the last sound event (`AuditHash.zero` for an empty log).
    public var lastEventHash: AuditHash
    /// How many signed checkpoints were checked and matched.
    public var checkpointsVerified: Int
    /// The first failure, or nil when the log is intact.
    public var failure: AuditFailure?

    /// Makes a result.
    public init(
        eventCount: UInt64, treeHead: AuditHash, lastEventHash: AuditHash, checkpointsVerified: Int,
        failure: AuditFailure?
    ) {
        self.eventCount = eventCount
        self.treeHead = treeHead
        self.lastEventHash = lastEventHash
        self.checkpointsVerified = checkpointsVerified
        self.failure = failure
    }

    /// Whether every event, link and checkpoint checked out.
    public var isIntact: Bool { failure == nil }

    /// The process exit status `confidant audit verify` uses: 0 intact, 1 anything wrong (contracts.md).
    public var exitCode: Int32 { isIntact ? 0 : 1 }

    /// The one line `confidant audit verify` prints: `ok: N events, head <hex tree head>`,
    /// or `fail: event N: <why>` (contracts.md).
    public var summary: String {
        if let failure { return failure.description }
        return "ok: \(eventCount) events, head \(treeHead.hex)"
    }

    /// The same result as one JSON object, for `--json` output and the auditor's page.
    ///
    /// Intact: `{"ok":true,"events":N,"head":"<hex>","checkpoints":K}`; failed:
    /// `{"ok":false,"events":N,"sequence":S,"reason":"<code>","message":"<why>"}` where
    /// `events` counts those found sound before the failure.
    public var jsonLine: String {
        var out: [UInt8] = []
        if let failure {
            JSONWriter.appendRaw(#"{"ok":false,"events":"#, to: &out)
            JSONWriter.appendInt(eventCount, to: &out)
            JSONWriter.appendRaw(#","sequence":"#, to: &out)
            JSONWriter.appendInt(failure.sequence, to: &out)
            JSONWriter.appendRaw(#","reason":"#, to: &out)
            JSONWriter.appendString(failure.code, to: &out)
            JSONWriter.appendRaw(#","message":"#, to: &out)
            JSONWriter.appendString(failure.explanation, to: &out)
        } else {
            JSONWriter.appendRaw(#"{"ok":true,"events":"#, to: &out)
            JSONWriter.appendInt(eventCount, to: &out)
            JSONWriter.appendRaw(#","head":"#, to: &out)
            JSONWriter.appendString(treeHead.hex, to: &out)
            JSONWriter.appendRaw(#","checkpoints":"#, to: &out)
            JSONWriter.appendInt(checkpointsVerified, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
