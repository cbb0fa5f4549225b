import Crypto
import Foundation
import Testing

@testable import ConfidantCore

@Suite struct CheckpointTests {
    static let root = MerkleTree.leafHash([0x01, 0x02])

    static func checkpoint(size: UInt64 = 1024, time: Int64 = 1_764_079_765_000) throws -> Checkpoint {
        try Checkpoint(treeSize: size, rootHash: root, time: time)
    }

    @Test func bodyIsOriginSizeRootAndTimeOnFourLines() throws {
        let body = try Self.checkpoint().body
        #expect(body == "confidant audit log\n1024\n\(Self.root.base64)\ntime 1764079765000\n")
    }

    @Test func bodyReadsBackToTheSameCheckpoint() throws {
        let checkpoint = try Self.checkpoint()
        #expect(try Checkpoint(body: checkpoint.body) == checkpoint)
    }

    @Test(arguments: [
        "confidant audit log\n1024\n",  // too few lines
        "confidant audit log\n01024\nROOT\ntime 1\n",  // non-canonical size
        "confidant audit log\n1024\nnot-base64\ntime 1\n",
        "confidant audit log\n1024\nROOT\nwhen 1\n",
        "confidant audit log\n1024\nROOT\ntime 1",  // no final newline
        "\n1024\nROOT\ntime 1\n",  // empty origin
    ])
    func malformedBodiesAreRejected(_ template: String) {
        let text = template.replacingOccurrences(of: "ROOT", with: Self.root.base64)
        #expect(throws: AuditError.self) { try Checkpoint(body: text) }
    }

    @Test func signedTextIsAC2SPNoteAndReadsBack() throws {
        let key = try AuditFixture.key()
        let signed = try key.sign(Self.checkpoint())
        let text = signed.text
        #expect(text.hasPrefix(try Self.checkpoint().body + "\n\u{2014} confidant-audit "))
        #expect(text.hasSuffix("\n"))
        let read = try SignedCheckpoint(text: text)
        #expect(read == signed)
        #expect(read.isValid(for: key.verifierKey))
        #expect(read.signature.count == 64)
        #expect(read.keyID == key.verifierKey.keyID)
    }

    @Test func changingTheBodyBreaksTheSignature() throws {
        let key = try AuditFixture.key()
        var signed = try key.sign(Self.checkpoint())
        signed.checkpoint.treeSize += 1
        #expect(!signed.isValid(for: key.verifierKey))
    }

    @Test func anotherKeyDoesNotVerify() throws {
        let signed = try AuditFixture.forgerKey().sign(Self.checkpoint())
        #expect(!signed.isValid(for: try AuditFixture.key().verifierKey))
    }

    @Test func aFlippedSignatureBitDoesNotVerify() throws {
        let key = try AuditFixture.key()
        var signed = try key.sign(Self.checkpoint())
        signed.signature[10] ^= 0x01
        #expect(!signed.isValid(for: key.verifierKey))
    }

    @Test func signatureLinesMustBeWellFormed() throws {
        let body = try Self.checkpoint().body
        #expect(throws: AuditError.self) { try SignedCheckpoint(text: body) }
        #expect(throws: AuditError.self) { try SignedCheckpoint(text: body + "\n- confidant-audit AAAA\n") }
        #expect(throws: AuditError.self) { try SignedCheckpoint(text: body + "\n\u{2014} confidant-audit AAAA\n") }
    }

    @Test func keyFileRoundTripsAndHidesNothingOfTheKey() throws {
        let key = try AuditFixture.key()
        let text = key.keyFileText
        #expect(text.hasPrefix("PRIVATE+KEY+confidant-audit+\(key.verifierKey.keyIDHex)+"))
        let read = try AuditSigningKey(keyFileText: text)
        #expect(read.privateKey.rawRepresentation == key.privateKey.rawRepresentation)
        #expect(read.name == key.name)
    }

    @Test func verifierKeyTextRoundTrips() throws {
        let key = try AuditFixture.key().verifierKey
        let read = try AuditVerifierKey(text: key.text + "\n")
        #expect(read.publicKey.rawRepresentation == key.publicKey.rawRepresentation)
        #expect(read.text == key.text)
    }

    @Test func keyIDIsTheSignedNoteHashOfNameAndKey() throws {
        let key = try AuditFixture.key().verifierKey
        let input = Array("confidant-audit\n".utf8) + [0x01] + Array(key.publicKey.rawRepresentation)
        #expect(key.keyID == Array(SHA256.hash(data: input).prefix(4)))
        #expect(key.keyIDHex.count == 8)
    }

    @Test func keyFilesWithAWrongKeyIDAreRefused() throws {
        let text = try AuditFixture.key().keyFileText
        let parts = text.split(separator: "+").map(String.init)
        let tampered = [parts[0], parts[1], parts[2], "00000000", parts[4]].joined(separator: "+")
        #expect(throws: AuditError.self) { try AuditSigningKey(keyFileText: tampered) }
        #expect(throws: AuditError.self) { try AuditSigningKey(keyFileText: "not a key") }
    }

    @Test(arguments: ["", "two words", "a+b", "tab\tname"])
    func keyNamesWithSpacesOrPlusAreRefused(_ name: String) {
        #expect(throws: AuditError.invalidName(name)) { try AuditSigningKey(name: name, seed: AuditFixture.seed) }
    }

    @Test func rfc8032TestVectorOneVerifies() throws {
        let seed = AuditFixture.bytes(hex: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        let key = try AuditSigningKey(seed: seed)
        #expect(
            Array(key.privateKey.publicKey.rawRepresentation)
                == AuditFixture.bytes(hex: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
        let signature = AuditFixture.bytes(
            hex:
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        #expect(key.verifierKey.isValidSignature(signature, for: []))
        #expect(!key.verifierKey.isValidSignature(signature, for: [0x00]))
    }

    @Test func generatedKeysComeFromTheGivenGenerator() throws {
        var first = FixedGenerator()
        var second = FixedGenerator()
        let a = try AuditSigningKey.generate(using: &first)
        let b = try AuditSigningKey.generate(using: &second)
        #expect(a.privateKey.rawRepresentation == b.privateKey.rawRepresentation)
        #expect(a.privateKey.rawRepresentation.count == 32)
    }

    /// One row of the checkpoint policy table.
    struct DueCase: Sendable, CustomTestStringConvertible {
        var lastSize: UInt64?
        var lastTime: Int64
        var size: UInt64
        var now: Int64
        var due: Bool
        var testDescription: String { "last \(lastSize.map(String.init) ?? "none") size \(size) now \(now): \(due)" }
    }

    static let dueCases: [DueCase] = [
        DueCase(lastSize: nil, lastTime: 0, size: 0, now: 0, due: false),
        DueCase(lastSize: nil, lastTime: 0, size: 1, now: 0, due: true),
        DueCase(lastSize: 10, lastTime: 1_000, size: 10, now: 999_999_999, due: false),  // nothing new: never due
        DueCase(lastSize: 10, lastTime: 1_000, size: 109, now: 1_000 + 299_999, due: false),
        DueCase(lastSize: 10, lastTime: 1_000, size: 110, now: 1_000, due: true),  // 100 new events
        DueCase(lastSize: 10, lastTime: 1_000, size: 11, now: 1_000 + 300_000, due: true),  // five minutes, one new event
        DueCase(lastSize: 10, lastTime: 1_000, size: 11, now: 1_000 + 299_999, due: false),
    ]

    @Test(arguments: dueCases)
    func checkpointIsDueEveryNEventsOrMMinutes(_ row: DueCase) throws {
        let policy = CheckpointPolicy(everyEvents: 100, everyMilliseconds: 300_000)
        let last = try row.lastSize.map { try Checkpoint(treeSize: $0, rootHash: .zero, time: row.lastTime) }
        #expect(policy.isDue(last: last, size: row.size, now: row.now) == row.due)
    }
}

/// A deterministic generator for key generation tests.
struct FixedGenerator: RandomNumberGenerator {
    var state: UInt64 = 0x1234_5678
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}

@Suite struct KeyTextWithPlusTests {
    /// Base64 uses '+', which is also the key text's separator: only the first separators split.
    @Test func keysWhoseBase64HoldsAPlusRoundTrip() throws {
        var found = 0
        for byte in UInt8(0)...UInt8(255) {
            let key = try AuditSigningKey(seed: [UInt8](repeating: byte, count: 32))
            let blob = key.keyFileText.split(separator: "+", maxSplits: 4).last.map(String.init) ?? ""
            guard blob.contains("+") || key.verifierKey.text.split(separator: "+", maxSplits: 2).last?.contains("+") == true else { continue }
            found += 1
            #expect(try AuditSigningKey(keyFileText: key.keyFileText).verifierKey.text == key.verifierKey.text)
            #expect(try AuditVerifierKey(text: key.verifierKey.text).keyIDHex == key.verifierKey.keyIDHex)
        }
        #expect(found > 0)
    }
}
