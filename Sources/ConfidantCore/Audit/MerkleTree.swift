import Crypto

/// RFC 9162 §2.1 Merkle tree hashing over audit events: tree heads, inclusion and consistency proofs.
///
/// Why RFC 9162 (Certificate Transparency 2.0) rather than a bare hash chain: a chain proves
/// the order of events only to someone who re-reads all of them, while a Merkle tree also
/// lets the organisation prove to an outside auditor, with a handful of hashes, that one
/// event is in the log (inclusion proof) and that today's log extends the one they saw
/// last month (consistency proof), against a signed checkpoint they keep. The distinct
/// 0x00/0x01 prefixes for leaves and nodes stop a node from passing for a leaf.
///
/// Leaves are addressed by 0-based index (`sequence - 1`); the functions take the leaf
/// hashes as any random-access collection indexed from 0, so the store can hand over an
/// array it read, and cost O(n) hashing with O(log n) extra memory.
public enum MerkleTree {
    /// The byte that starts a leaf's hash input (RFC 9162 §2.1.1).
    public static let leafPrefix: UInt8 = 0x00
    /// The byte that starts an interior node's hash input (RFC 9162 §2.1.1).
    public static let nodePrefix: UInt8 = 0x01

    /// The head of the empty tree: SHA-256 of the empty string.
    public static let emptyRoot = AuditHash(SHA256.hash(data: [UInt8]()))

    /// The leaf hash of `data`: SHA-256(0x00 || data).
    public static func leafHash<Bytes: Sequence>(_ data: Bytes) -> AuditHash where Bytes.Element == UInt8 {
        var input: [UInt8] = [leafPrefix]
        input.append(contentsOf: data)
        return AuditHash(SHA256.hash(data: input))
    }

    /// The hash of an interior node: SHA-256(0x01 || left || right).
    public static func nodeHash(_ left: AuditHash, _ right: AuditHash) -> AuditHash {
        withUnsafeTemporaryAllocation(byteCount: 1 + 2 * AuditHash.byteCount, alignment: 8) { buffer in
            buffer[0] = nodePrefix
            left.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
            right.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[33..<65]).copyMemory(from: $0) }
            var hasher = SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            return AuditHash(hasher.finalize())
        }
    }

    /// The tree head of the first `size` leaves (all of them when `size` is nil); `size` is clamped to the count.
    public static func root<Leaves: RandomAccessCollection>(
        of leaves: Leaves, size: Int? = nil
    ) -> AuditHash where Leaves.Element == AuditHash, Leaves.Index == Int {
        let count = min(size ?? leaves.count, leaves.count)
        return subtreeRoot(leaves, leaves.startIndex, leaves.startIndex + max(count, 0))
    }

    /// The inclusion proof (RFC 9162 §2.1.3.1 PATH) of leaf `index` in the tree of the first `size` leaves.
    public static func inclusionProof<Leaves: RandomAccessCollection>(
        leafIndex index: UInt64, treeSize size: UInt64, leaves: Leaves
    ) throws(AuditError) -> [AuditHash] where Leaves.Element == AuditHash, Leaves.Index == Int {
        guard index < size, size <= UInt64(leaves.count) else {
            throw .proofOutOfRange(index: index, size: min(size, UInt64(leaves.count)))
        }
        var path: [AuditHash] = []
        var low = leaves.startIndex
        var high = leaves.startIndex + Int(size)
        var m = Int(index)
        // Walk down from the root, collecting the sibling subtree at each split; the RFC's
        // recursion emits siblings leaf-first, so the collected path is reversed at the end.
        while high - low > 1 {
            let k = largestPowerOfTwo(below: high - low)
            if m < k {
                path.append(subtreeRoot(leaves, low + k, high))
                high = low + k
            } else {
                path.append(subtreeRoot(leaves, low, low + k))
                low += k
                m -= k
            }
        }
        return path.reversed()
    }

    /// Checks an inclusion proof (RFC 9162 §2.1.3.2): does `leafHash` sit at `leafIndex` of the tree with head `root`?
    public static func verifyInclusion(
        leafHash: AuditHash, leafIndex: UInt64, treeSize: UInt64, proof: [AuditHash], root: AuditHash
    ) -> Bool {
        guard leafIndex < treeSize else { return false }
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        for p in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// The consistency proof (RFC 9162 §2.1.4.1 PROOF) that the first `first` leaves are a prefix of the first `second`.
    ///
    /// Empty when `first` is 0 or equal to `second`: those cases need no hashes.
    public static func consistencyProof<Leaves: RandomAccessCollection>(
        from first: UInt64, to second: UInt64, leaves: Leaves
    ) throws(AuditError) -> [AuditHash] where Leaves.Element == AuditHash, Leaves.Index == Int {
        guard first <= second, second <= UInt64(leaves.count) else {
            throw .proofOutOfRange(index: first, size: min(second, UInt64(leaves.count)))
        }
        guard first > 0, first < second else { return [] }
        var path: [AuditHash] = []
        var low = leaves.startIndex
        var high = leaves.startIndex + Int(second)
        var m = Int(first)
        var wholeTreeIsOld = true
        // SUBPROOF(m, D[low:high], b), unrolled; siblings are collected root-first and reversed.
        while m != high - low {
            let k = largestPowerOfTwo(below: high - low)
            if m <= k {
                path.append(subtreeRoot(leaves, low + k, high))
                high = low + k
            } else {
                path.append(subtreeRoot(leaves, low, low + k))
                low += k
                m -= k
                wholeTreeIsOld = false
            }
        }
        if !wholeTreeIsOld {
            path.append(subtreeRoot(leaves, low, high))
        }
        return path.reversed()
    }

    /// Checks a consistency proof (RFC 9162 §2.1.4.2): is the tree of size `first` with head `firstRoot` a prefix of the tree of size `second` with
    /// head `secondRoot`?
    public static func verifyConsistency(
        first: UInt64, second: UInt64, firstRoot: AuditHash, secondRoot: AuditHash, proof: [AuditHash]
    ) -> Bool {
        guard first <= second else { return false }
        if first == second { return proof.isEmpty && firstRoot == secondRoot }
        if first == 0 { return proof.isEmpty }
        guard !proof.isEmpty else { return false }
        var path = proof
        if first & (first - 1) == 0 { path.insert(firstRoot, at: 0) }
        var fn = first - 1
        var sn = second - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == firstRoot && sr == secondRoot && sn == 0
    }

    /// The largest power of two strictly below `n` (n ≥ 2): where RFC 9162 splits a tree.
    static func largestPowerOfTwo(below n: Int) -> Int {
        1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }

    /// MTH of `leaves[low..<high]`, streamed through a frontier so that memory stays O(log n).
    static func subtreeRoot<Leaves: RandomAccessCollection>(
        _ leaves: Leaves, _ low: Int, _ high: Int
    ) -> AuditHash where Leaves.Element == AuditHash, Leaves.Index == Int {
        if high - low == 1 { return leaves[low] }
        var frontier = MerkleFrontier()
        var index = low
        while index < high {
            frontier.append(leaves[index])
            index += 1
        }
        return frontier.root
    }
}
