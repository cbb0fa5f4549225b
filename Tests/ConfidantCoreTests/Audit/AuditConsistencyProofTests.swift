import Testing

@testable import ConfidantCore

@Suite struct AuditConsistencyProofTests {
    @Test func proofFromAnOldCheckpointVerifiesAgainstTodaysHead() throws {
        let hashes = try AuditFixture.events(30).map(\.hash)
        for first in [1, 7, 16, 29, 30] {
            let proof = try AuditConsistencyProof.make(from: UInt64(first), leaves: hashes)
            #expect(proof.isValid, "from \(first)")
            #expect(proof.firstRoot == MerkleTree.root(of: hashes, size: first))
            #expect(proof.secondRoot == MerkleTree.root(of: hashes))
        }
    }

    @Test func aRewrittenHistoryIsNotConsistentWithTheOldHead() throws {
        let original = try AuditFixture.events(30).map(\.hash)
        var rewritten = original
        rewritten[3] = MerkleTree.leafHash(Array("rewritten".utf8))
        var proof = try AuditConsistencyProof.make(from: 10, leaves: rewritten)
        proof.firstRoot = MerkleTree.root(of: original, size: 10)
        #expect(!proof.isValid)
    }

    @Test func textAndJSONMatchTheReferenceProof() throws {
        let proof = try AuditConsistencyProof.make(from: 6, to: 8, leaves: MerkleTreeTests.ctLeaves)
        #expect(
            proof.text == """
                consistency proof from size 6 to size 8
                first root hash: 76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef
                second root hash: 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328
                path: 3 hashes
                  0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a
                  ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0
                  d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7

                """)
        #expect(proof.json.hasPrefix("{\"first_size\":6,\"second_size\":8,\"first_root\":\"76e67dad"))
        #expect(proof.json.hasSuffix("\"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7\"]}"))
    }

    @Test func sizesOutsideTheLogAreRefused() {
        #expect(throws: AuditError.proofOutOfRange(index: 9, size: 8)) {
            try AuditConsistencyProof.make(from: 9, leaves: MerkleTreeTests.ctLeaves)
        }
    }
}
