import Crypto
import Testing

@testable import ConfidantCore

@Suite struct AuditEventTests {
    static let small = AuditEvent(
        sequence: 1, time: 2, actor: "a", action: .signIn, target: "", detail: "{}", previousHash: .zero, hash: .zero
    )

    @Test func canonicalEncodingHasTheDocumentedLayout() {
        var expected: [UInt8] = [1]
        expected += [0, 0, 0, 0, 0, 0, 0, 1]
        expected += [0, 0, 0, 0, 0, 0, 0, 2]
        expected += [0, 0, 0, 1] + Array("a".utf8)
        expected += [0, 0, 0, 7] + Array("sign_in".utf8)
        expected += [0, 0, 0, 0]
        expected += [0, 0, 0, 2] + Array("{}".utf8)
        expected += [UInt8](repeating: 0, count: 32)
        #expect(Self.small.canonicalEncoding == expected)
    }

    @Test func hashIsTheRFC9162LeafHashOfTheEncoding() {
        let expected = AuditHash(SHA256.hash(data: [0x00] + Self.small.canonicalEncoding))
        #expect(Self.small.computedHash() == expected)
        #expect(MerkleTree.leafHash(Self.small.canonicalEncoding) == expected)
    }

    @Test func negativeTimeEncodesAsTwosComplement() {
        var event = Self.small
        event.time = -1
        #expect(Array(event.canonicalEncoding[9..<17]) == [UInt8](repeating: 0xFF, count: 8))
    }

    @Test func movingCharactersBetweenFieldsChangesTheEncoding() {
        var left = Self.small
        left.actor = "ab"
        left.target = ""
        var right = Self.small
        right.actor = "a"
        right.target = "b"
        #expect(left.canonicalEncoding != right.canonicalEncoding)
        #expect(left.computedHash() != right.computedHash())
    }

    @Test(arguments: AuditEventField.allCases.filter { $0 != .hash })
    func changingAnyEncodedFieldChangesTheHash(_ field: AuditEventField) {
        var changed = Self.small
        switch field {
        case .sequence: changed.sequence = 2
        case .time: changed.time = 3
        case .actor: changed.actor = "b"
        case .action: changed.action = .signOut
        case .target: changed.target = "x"
        case .detail: changed.detail = #"{"a":1}"#
        case .previousHash: changed.previousHash = MerkleTree.emptyRoot
        case .hash: break
        }
        #expect(changed.computedHash() != Self.small.computedHash())
    }

    @Test func unknownActionHashesItsStoredWord() {
        var known = Self.small
        known.action = .signIn
        var unknown = Self.small
        unknown.action = .other("sign_in")
        #expect(known.computedHash() == unknown.computedHash())
    }

    @Test func makeComputesTheHashFromTheFields() throws {
        let entry = AuditEntry(
            time: 10, actor: "user:cy-fictional", action: .caseRead, target: "disclosure:9",
            detail: AuditDetail(["parts": .strings(["account"])]))
        let event = try AuditEvent.make(sequence: 1, previousHash: .zero, entry: entry)
        #expect(event.sequence == 1)
        #expect(event.detail == #"{"parts":["account"]}"#)
        #expect(event.hash == event.computedHash())
    }

    @Test func makeRejectsSequenceZero() {
        #expect(throws: AuditError.sequenceStartsAtOne) {
            try AuditEvent.make(sequence: 0, previousHash: .zero, entry: AuditFixture.entry(1))
        }
    }

    @Test func makeRejectsAFirstEventWithAPredecessor() {
        #expect(throws: AuditError.firstEventMustFollowZeroHash) {
            try AuditEvent.make(sequence: 1, previousHash: MerkleTree.emptyRoot, entry: AuditFixture.entry(1))
        }
    }

    @Test func makeRejectsAnEmptyActor() {
        var entry = AuditFixture.entry(1)
        entry.actor = ""
        #expect(throws: AuditError.emptyField(.actor)) {
            try AuditEvent.make(sequence: 1, previousHash: .zero, entry: entry)
        }
    }

    @Test func makeRejectsADetailTooLongToBeIdentifiersOnly() {
        var entry = AuditFixture.entry(1)
        entry.detail = AuditDetail(["note": .string(String(repeating: "x", count: 3000))])
        #expect(throws: AuditError.fieldTooLong(.detail, limit: 2048)) {
            try AuditEvent.make(sequence: 1, previousHash: .zero, entry: entry)
        }
    }
}
