/// A tree head at one moment: the origin of the log, how many events it held, their Merkle root, and when.
///
/// A signed checkpoint is the organisation's commitment to the log as it stood: once a
/// copy is held outside (by an auditor, a trustee, another system), the log cannot be
/// rewritten or shortened below that size without the copy exposing it. The text that is
/// signed follows the C2SP tlog-checkpoint note body, with the time as an extension line:
///
/// ```
/// confidant audit log
/// 1024
/// <base64 of the 32-byte root>
/// time 1764079765000
/// ```
///
/// each line ending in a newline. The time is milliseconds since the Unix epoch (UTC),
/// like `AuditEvent.time`, and is passed in by the caller.
public struct Checkpoint: Hashable, Sendable {
    /// The name of the log (the first line); one organisation's log must not pass for another's.
    public var origin: String
    /// How many events the tree holds.
    public var treeSize: UInt64
    /// The RFC 9162 tree head over those events.
    public var rootHash: AuditHash
    /// When the head was taken, in milliseconds since 1970-01-01T00:00:00Z.
    public var time: Int64

    /// The origin the application uses unless configured otherwise.
    public static let defaultOrigin = "confidant audit log"

    /// Makes a checkpoint; the origin must be non-empty and on one line.
    public init(origin: String = Checkpoint.defaultOrigin, treeSize: UInt64, rootHash: AuditHash, time: Int64) throws(AuditError) {
        guard Self.isValidOrigin(origin) else { throw .invalidName(origin) }
        self.origin = origin
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.time = time
    }

    /// The exact text that is signed (see the type's documentation).
    public var body: String {
        "\(origin)\n\(treeSize)\n\(rootHash.base64)\ntime \(time)\n"
    }

    /// Reads a body back, insisting on the exact form `body` writes so that one checkpoint has one text.
    public init(body text: String) throws(AuditError) {
        guard text.hasSuffix("\n") else { throw .malformedText("checkpoint body must end with a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == 4 else {
            throw .malformedText("checkpoint body must have 4 lines (origin, size, root, time), not \(lines.count)")
        }
        guard let size = UInt64(lines[1]), String(size) == lines[1] else {
            throw .malformedText("checkpoint line 2 must be the tree size in decimal")
        }
        guard let root = AuditHash(base64: lines[2]), root.base64 == lines[2] else {
            throw .malformedText("checkpoint line 3 must be the base64 of a 32-byte root hash")
        }
        guard lines[3].hasPrefix("time "), let time = Int64(lines[3].dropFirst(5)), "time \(time)" == lines[3] else {
            throw .malformedText("checkpoint line 4 must be 'time <milliseconds since the epoch>'")
        }
        try self.init(origin: lines[0], treeSize: size, rootHash: root, time: time)
    }

    static func isValidOrigin(_ origin: String) -> Bool {
        !origin.isEmpty && !origin.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
