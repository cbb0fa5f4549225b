import Crypto
import Testing

@testable import ConfidantCore

@Suite struct MerkleTreeTests {
    /// The leaf inputs of the Certificate Transparency reference tree (RFC 6962 test data).
    static let ctInputs = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
        .map(AuditFixture.bytes(hex:))
    static let ctLeaves = ctInputs.map { MerkleTree.leafHash($0) }
    /// The published tree heads for sizes 0 through 8.
    static let ctRoots = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    /// 64 distinct leaf hashes for the exhaustive property tests.
    static let leaves: [AuditHash] = (0..<64).map { MerkleTree.leafHash([UInt8($0), UInt8(truncatingIfNeeded: $0 &* 7), 0x5A]) }

    /// RFC 9162 §2.1.1 MTH, written recursively and independently of the frontier.
    static func referenceRoot(_ leaves: ArraySlice<AuditHash>) -> AuditHash {
        switch leaves.count {
        case 0: return AuditHash(SHA256.hash(data: [UInt8]()))
        case 1: return leaves[leaves.startIndex]
        default:
            var k = 1
            while k * 2 < leaves.count { k *= 2 }
            let split = leaves.startIndex + k
            return MerkleTree.nodeHash(referenceRoot(leaves[..<split]), referenceRoot(leaves[split...]))
        }
    }

    static func hash(_ hex: String) -> AuditHash {
        AuditHash(hex: hex) ?? .zero
    }

    @Test func leafAndNodeHashesUseTheirPrefixes() {
        let a = MerkleTree.leafHash([0x61])
        #expect(a == AuditHash(SHA256.hash(data: [0x00, 0x61])))
        let b = MerkleTree.leafHash([0x62])
        #expect(MerkleTree.nodeHash(a, b) == AuditHash(SHA256.hash(data: [0x01] + a.bytes + b.bytes)))
    }

    @Test func handComputedThreeLeafTreeSplitsTwoAndOne() {
        let (a, b, c) = (Self.leaves[0], Self.leaves[1], Self.leaves[2])
        let expected = MerkleTree.nodeHash(MerkleTree.nodeHash(a, b), c)
        #expect(MerkleTree.root(of: [a, b, c]) == expected)
        #expect(MerkleFrontier(leaves: [a, b, c]).root == expected)
    }

    @Test func handComputedSevenLeafTreeSplitsFourTwoOne() {
        let l = Array(Self.leaves[0..<7])
        let left = MerkleTree.nodeHash(MerkleTree.nodeHash(l[0], l[1]), MerkleTree.nodeHash(l[2], l[3]))
        let right = MerkleTree.nodeHash(MerkleTree.nodeHash(l[4], l[5]), l[6])
        #expect(MerkleTree.root(of: l) == MerkleTree.nodeHash(left, right))
    }

    @Test(arguments: 0...8)
    func rootsMatchTheCertificateTransparencyReference(_ size: Int) {
        #expect(MerkleTree.root(of: Self.ctLeaves, size: size).hex == Self.ctRoots[size])
        #expect(MerkleFrontier(leaves: Self.ctLeaves.prefix(size)).root.hex == Self.ctRoots[size])
    }

    @Test func inclusionProofsMatchTheCertificateTransparencyReference() throws {
        let proof0 = try MerkleTree.inclusionProof(leafIndex: 0, treeSize: 8, leaves: Self.ctLeaves)
        #expect(
            proof0.map(\.hex) == [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ])
        let proof5 = try MerkleTree.inclusionProof(leafIndex: 5, treeSize: 8, leaves: Self.ctLeaves)
        #expect(
            proof5.map(\.hex) == [
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ])
    }

    @Test func consistencyProofsMatchTheCertificateTransparencyReference() throws {
        let proof2 = try MerkleTree.consistencyProof(from: 2, to: 8, leaves: Self.ctLeaves)
        #expect(
            proof2.map(\.hex) == [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ])
        let proof6 = try MerkleTree.consistencyProof(from: 6, to: 8, leaves: Self.ctLeaves)
        #expect(
            proof6.map(\.hex) == [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ])
        #expect(
            MerkleTree.verifyConsistency(
                first: 6, second: 8, firstRoot: Self.hash(Self.ctRoots[6]), secondRoot: Self.hash(Self.ctRoots[8]),
                proof: proof6))
    }

    @Test func frontierAndRootAgreeWithTheRecursiveDefinitionUpTo64() {
        var frontier = MerkleFrontier()
        #expect(frontier.root == Self.referenceRoot(Self.leaves[0..<0]))
        for n in 1...64 {
            frontier.append(Self.leaves[n - 1])
            let expected = Self.referenceRoot(Self.leaves[0..<n])
            #expect(frontier.root == expected, "size \(n)")
            #expect(MerkleTree.root(of: Self.leaves, size: n) == expected, "size \(n)")
            #expect(frontier.hashes.count == n.nonzeroBitCount)
        }
    }

    @Test func everyInclusionProofVerifiesAndNoOtherLeafOrIndexDoes() throws {
        var checked = 0
        for n in 1...64 {
            let root = Self.referenceRoot(Self.leaves[0..<n])
            for m in 0..<n {
                let proof = try MerkleTree.inclusionProof(leafIndex: UInt64(m), treeSize: UInt64(n), leaves: Self.leaves)
                #expect(
                    MerkleTree.verifyInclusion(
                        leafHash: Self.leaves[m], leafIndex: UInt64(m), treeSize: UInt64(n), proof: proof, root: root),
                    "leaf \(m) of \(n)")
                let otherLeaf = Self.leaves[(m + 1) % 64]
                #expect(
                    !MerkleTree.verifyInclusion(
                        leafHash: otherLeaf, leafIndex: UInt64(m), treeSize: UInt64(n), proof: proof, root: root))
                if n > 1 {
                    let otherIndex = UInt64((m + 1) % n)
                    #expect(
                        !MerkleTree.verifyInclusion(
                            leafHash: Self.leaves[m], leafIndex: otherIndex, treeSize: UInt64(n), proof: proof, root: root))
                    #expect(
                        !MerkleTree.verifyInclusion(
                            leafHash: Self.leaves[m], leafIndex: UInt64(m), treeSize: UInt64(n), proof: Array(proof.dropLast()),
                            root: root))
                    #expect(
                        !MerkleTree.verifyInclusion(
                            leafHash: Self.leaves[m], leafIndex: UInt64(m), treeSize: UInt64(n), proof: proof + [.zero],
                            root: root))
                }
                checked += 1
            }
        }
        #expect(checked == 64 * 65 / 2)
    }

    @Test func everyConsistencyProofVerifiesAndTamperedOnesDoNot() throws {
        var checked = 0
        for n in 1...64 {
            let second = Self.referenceRoot(Self.leaves[0..<n])
            for m in 1..<n {
                let first = Self.referenceRoot(Self.leaves[0..<m])
                let proof = try MerkleTree.consistencyProof(from: UInt64(m), to: UInt64(n), leaves: Self.leaves)
                #expect(
                    MerkleTree.verifyConsistency(
                        first: UInt64(m), second: UInt64(n), firstRoot: first, secondRoot: second, proof: proof),
                    "\(m) -> \(n)")
                var flipped = proof
                flipped[0] = MerkleTree.nodeHash(flipped[0], flipped[0])
                #expect(
                    !MerkleTree.verifyConsistency(
                        first: UInt64(m), second: UInt64(n), firstRoot: first, secondRoot: second, proof: flipped))
                #expect(
                    !MerkleTree.verifyConsistency(
                        first: UInt64(m), second: UInt64(n), firstRoot: first, secondRoot: second, proof: Array(proof.dropLast())))
                // A different history of the same size is not consistent with the new tree.
                let forged = Self.referenceRoot(Self.leaves[1...m])
                #expect(
                    !MerkleTree.verifyConsistency(
                        first: UInt64(m), second: UInt64(n), firstRoot: forged, secondRoot: second, proof: proof))
                checked += 1
            }
        }
        #expect(checked == 63 * 64 / 2)
    }

    @Test func trivialConsistencyCasesNeedNoHashes() throws {
        let root4 = MerkleTree.root(of: Self.leaves, size: 4)
        let root5 = MerkleTree.root(of: Self.leaves, size: 5)
        #expect(try MerkleTree.consistencyProof(from: 4, to: 4, leaves: Self.leaves).isEmpty)
        #expect(try MerkleTree.consistencyProof(from: 0, to: 4, leaves: Self.leaves).isEmpty)
        #expect(MerkleTree.verifyConsistency(first: 4, second: 4, firstRoot: root4, secondRoot: root4, proof: []))
        #expect(!MerkleTree.verifyConsistency(first: 4, second: 4, firstRoot: root4, secondRoot: root5, proof: []))
        #expect(MerkleTree.verifyConsistency(first: 0, second: 5, firstRoot: MerkleTree.emptyRoot, secondRoot: root5, proof: []))
        #expect(!MerkleTree.verifyConsistency(first: 5, second: 4, firstRoot: root5, secondRoot: root4, proof: []))
        #expect(!MerkleTree.verifyConsistency(first: 3, second: 4, firstRoot: root4, secondRoot: root4, proof: []))
    }

    @Test func proofsOutsideTheTreeAreRefused() {
        #expect(throws: AuditError.proofOutOfRange(index: 8, size: 8)) {
            try MerkleTree.inclusionProof(leafIndex: 8, treeSize: 8, leaves: Self.ctLeaves)
        }
        #expect(throws: AuditError.proofOutOfRange(index: 0, size: 8)) {
            try MerkleTree.inclusionProof(leafIndex: 0, treeSize: 9, leaves: Self.ctLeaves)
        }
        #expect(throws: AuditError.proofOutOfRange(index: 5, size: 3)) {
            try MerkleTree.consistencyProof(from: 5, to: 3, leaves: Self.ctLeaves)
        }
        #expect(
            !MerkleTree.verifyInclusion(
                leafHash: Self.ctLeaves[0], leafIndex: 8, treeSize: 8, proof: [], root: Self.hash(Self.ctRoots[8])))
    }
}
