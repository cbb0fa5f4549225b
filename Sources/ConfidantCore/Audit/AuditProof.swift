/// An inclusion proof for one event, ready to print: what `confidant audit proof --seq N` shows.
///
/// With it and a tree head of the same size (ideally from a signed checkpoint the auditor
/// holds), anyone can check that event N is in the log as it stands, using RFC 9162
/// §2.1.3.2 and nothing from Confidant: hash pairs with the 0x01 node prefix along `path`.
public struct AuditProof: Hashable, Sendable {
    /// The event's sequence number (leaf index + 1).
    public var sequence: UInt64
    /// The size of the tree the proof is for.
    public var treeSize: UInt64
    /// The event's leaf hash (its stored `hash`).
    public var leafHash: AuditHash
    /// The tree head at `treeSize`.
    public var rootHash: AuditHash
    /// The RFC 9162 inclusion path, leaf side first.
    public var path: [AuditHash]

    /// Makes a proof from its parts.
    public init(sequence: UInt64, treeSize: UInt64, leafHash: AuditHash, rootHash: AuditHash, path: [AuditHash]) {
        self.sequence = sequence
        self.treeSize = treeSize
        self.leafHash = leafHash
        self.rootHash = rootHash
        self.path = path
    }

    /// Builds the proof for event `sequence` in the tree of the first `treeSize` leaf hashes (all of them when nil).
    public static func make<Leaves: RandomAccessCollection>(
        sequence: UInt64, treeSize: UInt64? = nil, leaves: Leaves
    ) throws(AuditError) -> AuditProof where Leaves.Element == AuditHash, Leaves.Index == Int {
        let size = treeSize ?? UInt64(leaves.count)
        guard sequence >= 1 else { throw .proofOutOfRange(index: 0, size: size) }
        let path = try MerkleTree.inclusionProof(leafIndex: sequence - 1, treeSize: size, leaves: leaves)
        return AuditProof(
            sequence: sequence, treeSize: size,
            leafHash: leaves[leaves.startIndex + Int(sequence - 1)],
            rootHash: MerkleTree.root(of: leaves, size: Int(size)), path: path
        )
    }

    /// The 0-based leaf index RFC 9162 speaks of.
    public var leafIndex: UInt64 { sequence &- 1 }

    /// Whether the path leads from the leaf hash to the root hash.
    public var isValid: Bool {
        sequence >= 1
            && MerkleTree.verifyInclusion(
                leafHash: leafHash, leafIndex: leafIndex, treeSize: treeSize, proof: path, root: rootHash)
    }

    /// Plain text, one fact a line, hashes in hexadecimal.
    public var text: String {
        var lines = [
            "inclusion proof for event \(sequence)",
            "leaf index: \(leafIndex)",
            "tree size: \(treeSize)",
            "leaf hash: \(leafHash.hex)",
            "root hash: \(rootHash.hex)",
            "path: \(path.count) hashes",
        ]
        lines += path.map { "  \($0.hex)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object on one line (keys in a fixed order), hashes in hexadecimal.
    public var json: String {
        var out: [UInt8] = []
        JSONWriter.appendRaw(#"{"sequence":"#, to: &out)
        JSONWriter.appendInt(sequence, to: &out)
        JSONWriter.appendRaw(#","leaf_index":"#, to: &out)
        JSONWriter.appendInt(leafIndex, to: &out)
        JSONWriter.appendRaw(#","tree_size":"#, to: &out)
        JSONWriter.appendInt(treeSize, to: &out)
        JSONWriter.appendRaw(#","leaf_hash":"#, to: &out)
        JSONWriter.appendString(leafHash.hex, to: &out)
        JSONWriter.appendRaw(#","root_hash":"#, to: &out)
        JSONWriter.appendString(rootHash.hex, to: &out)
        JSONWriter.appendRaw(#","path":"#, to: &out)
        JSONWriter.appendStrings(path.map(\.hex), to: &out)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
