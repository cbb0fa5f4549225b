import Testing

@testable import ConfidantCore

@Suite struct AuditProofTests {
    @Test func proofForAnEventVerifiesAgainstTheTreeHead() throws {
        let events = try AuditFixture.events(11)
        let hashes = events.map(\.hash)
        for sequence in 1...11 {
            let proof = try AuditProof.make(sequence: UInt64(sequence), leaves: hashes)
            #expect(proof.isValid)
            #expect(proof.leafHash == events[sequence - 1].hash)
            #expect(proof.rootHash == MerkleTree.root(of: hashes))
            #expect(proof.treeSize == 11)
        }
    }

    @Test func proofAtAnEarlierCheckpointSizeUsesThatTreeHead() throws {
        let hashes = try AuditFixture.events(11).map(\.hash)
        let proof = try AuditProof.make(sequence: 3, treeSize: 8, leaves: hashes)
        #expect(proof.rootHash == MerkleTree.root(of: hashes, size: 8))
        #expect(proof.path.count == 3)
        #expect(proof.isValid)
    }

    @Test func textAndJSONShowEveryPart() throws {
        let leaves = MerkleTreeTests.ctLeaves
        let proof = try AuditProof.make(sequence: 6, treeSize: 8, leaves: leaves)
        #expect(
            proof.text == """
                inclusion proof for event 6
                leaf index: 5
                tree size: 8
                leaf hash: \(leaves[5].hex)
                root hash: 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328
                path: 3 hashes
                  bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b
                  ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0
                  d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7

                """)
        #expect(
            proof.json == "{\"sequence\":6,\"leaf_index\":5,\"tree_size\":8,\"leaf_hash\":\"\(leaves[5].hex)\","
                + "\"root_hash\":\"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\",\"path\":["
                + "\"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b\","
                + "\"ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0\","
                + "\"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7\"]}")
    }

    @Test func aTamperedProofIsNotValid() throws {
        var proof = try AuditProof.make(sequence: 2, leaves: MerkleTreeTests.ctLeaves)
        proof.leafHash = MerkleTreeTests.ctLeaves[2]
        #expect(!proof.isValid)
    }

    @Test func sequenceZeroAndBeyondTheLogAreRefused() {
        #expect(throws: AuditError.proofOutOfRange(index: 0, size: 8)) {
            try AuditProof.make(sequence: 0, leaves: MerkleTreeTests.ctLeaves)
        }
        #expect(throws: AuditError.proofOutOfRange(index: 8, size: 8)) {
            try AuditProof.make(sequence: 9, leaves: MerkleTreeTests.ctLeaves)
        }
    }
}
