/// A consistency proof between two sizes of the log, ready to print: today's log extends the one an auditor saw.
///
/// An auditor who kept a signed checkpoint at size m checks, with this proof and the current
/// signed head at size n, that the first m events are unchanged (RFC 9162 §2.1.4), without
/// reading any event.
public struct AuditConsistencyProof: Hashable, Sendable {
    /// The older size (the auditor's checkpoint).
    public var firstSize: UInt64
    /// The newer size.
    public var secondSize: UInt64
    /// The tree head at the older size.
    public var firstRoot: AuditHash
    /// The tree head at the newer size.
    public var secondRoot: AuditHash
    /// The RFC 9162 consistency path.
    public var path: [AuditHash]

    /// Makes a proof from its parts.
    public init(firstSize: UInt64, secondSize: UInt64, firstRoot: AuditHash, secondRoot: AuditHash, path: [AuditHash]) {
        self.firstSize = firstSize
        self.secondSize = secondSize
        self.firstRoot = firstRoot
        self.secondRoot = secondRoot
        self.path = path
    }

    /// Builds the proof from size `first` to size `second` (all the leaves when nil) over the stored leaf hashes.
    public static func make<Leaves: RandomAccessCollection>(
        from first: UInt64, to second: UInt64? = nil, leaves: Leaves
    ) throws(AuditError) -> AuditConsistencyProof where Leaves.Element == AuditHash, Leaves.Index == Int {
        let size = second ?? UInt64(leaves.count)
        let path = try MerkleTree.consistencyProof(from: first, to: size, leaves: leaves)
        return AuditConsistencyProof(
            firstSize: first, secondSize: size, firstRoot: MerkleTree.root(of: leaves, size: Int(first)),
            secondRoot: MerkleTree.root(of: leaves, size: Int(size)), path: path)
    }

    /// Whether the path shows the older tree is a prefix of the newer one.
    public var isValid: Bool {
        MerkleTree.verifyConsistency(
            first: firstSize, second: secondSize, firstRoot: firstRoot, secondRoot: secondRoot, proof: path)
    }

    /// Plain text, one fact a line, hashes in hexadecimal.
    public var text: String {
        var lines = [
            "consistency proof from size \(firstSize) to size \(secondSize)",
            "first root hash: \(firstRoot.hex)",
            "second root hash: \(secondRoot.hex)",
            "path: \(path.count) hashes",
        ]
        lines += path.map { "  \($0.hex)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object on one line (keys in a fixed order), hashes in hexadecimal.
    public var json: String {
        var out: [UInt8] = []
        JSONWriter.appendRaw(#"{"first_size":"#, to: &out)
        JSONWriter.appendInt(firstSize, to: &out)
        JSONWriter.appendRaw(#","second_size":"#, to: &out)
        JSONWriter.appendInt(secondSize, to: &out)
        JSONWriter.appendRaw(#","first_root":"#, to: &out)
        JSONWriter.appendString(firstRoot.hex, to: &out)
        JSONWriter.appendRaw(#","second_root":"#, to: &out)
        JSONWriter.appendString(secondRoot.hex, to: &out)
        JSONWriter.appendRaw(#","path":"#, to: &out)
        JSONWriter.appendStrings(path.map(\.hex), to: &out)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
