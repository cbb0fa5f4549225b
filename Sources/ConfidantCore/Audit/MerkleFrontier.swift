/// The right edge of a Merkle tree: one root per perfect subtree, enough to append a leaf and compute the head.
///
/// RFC 9162 §2.1.1 defines the tree head of n leaves by splitting at the largest power
/// of two below n; the same head is the fold, from the right, of the roots of the perfect
/// subtrees that the binary digits of n describe. Keeping only those roots (one per
/// 1-bit of `size`, at most 64) lets the appender and the streaming verifier go through
/// any number of events in constant memory. A frontier can be stored beside a checkpoint
/// (`size` and `hashes`) and resumed, so the appender need not re-read the log.
public struct MerkleFrontier: Hashable, Sendable {
    /// How many leaves have been appended.
    public private(set) var size: UInt64
    /// The roots of the perfect subtrees, largest (leftmost) first.
    public private(set) var hashes: [AuditHash]

    /// An empty tree.
    public init() {
        size = 0
        hashes = []
        hashes.reserveCapacity(64)
    }

    /// Resumes a stored frontier, checking that there is one hash per 1-bit of `size`.
    public init(size: UInt64, hashes: [AuditHash]) throws(AuditError) {
        guard hashes.count == size.nonzeroBitCount else {
            throw .frontierShape(size: size, hashes: hashes.count)
        }
        self.size = size
        self.hashes = hashes
        self.hashes.reserveCapacity(64)
    }

    /// Builds the frontier of the given leaf hashes, in order.
    public init<Leaves: Sequence>(leaves: Leaves) where Leaves.Element == AuditHash {
        self.init()
        for leaf in leaves { append(leaf) }
    }

    /// Appends one leaf hash (already `MerkleTree.leafHash` of the entry), merging equal-sized subtrees.
    public mutating func append(_ leafHash: AuditHash) {
        var carry = leafHash
        var bits = size
        while bits & 1 == 1 {
            // A 1-bit means a perfect subtree of the same size sits at the edge: they merge, left first.
            carry = MerkleTree.nodeHash(hashes.removeLast(), carry)
            bits >>= 1
        }
        hashes.append(carry)
        size &+= 1
    }

    /// The tree head (RFC 9162 MTH) of the leaves appended so far; the hash of the empty string for none.
    public var root: AuditHash {
        guard var result = hashes.last else { return MerkleTree.emptyRoot }
        var index = hashes.count - 2
        while index >= 0 {
            result = MerkleTree.nodeHash(hashes[index], result)
            index -= 1
        }
        return result
    }
}
