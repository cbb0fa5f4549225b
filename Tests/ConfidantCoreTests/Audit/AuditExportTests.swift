import Foundation
import Testing

@testable import ConfidantCore

@Suite struct AuditExportTests {
    static func exportLines(events: [AuditEvent], checkpoints: [SignedCheckpoint]) -> [String] {
        checkpoints.map { AuditExportRecord.checkpoint($0).jsonLine } + events.map { AuditExportRecord.event($0).jsonLine }
    }

    @Test func eventLineHasEveryFieldAndReadsBackExactly() throws {
        var event = try AuditFixture.events(1)[0]
        event.actor = "user:\"quoted\"\\fictional"
        event.detail = #"{"parts":["account"],"note":"tab\there"}"#
        let line = AuditExportRecord.event(event).jsonLine
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["type"] as? String == "event")
        #expect(object["sequence"] as? Int == 1)
        #expect(object["time_utc"] as? String == "2025-11-24T16:00:01.000Z")
        #expect(object["detail"] as? String == event.detail)
        #expect(object["hash"] as? String == event.hash.hex)
        #expect(try AuditExportRecord(jsonLine: line) == .event(event))
    }

    @Test func checkpointLineCarriesTheSignedNote() throws {
        let events = try AuditFixture.events(4)
        let signed = try AuditFixture.checkpoint(events, size: 4, key: AuditFixture.key())
        let line = AuditExportRecord.checkpoint(signed).jsonLine
        #expect(!line.contains("\n"))
        #expect(try AuditExportRecord(jsonLine: line) == .checkpoint(signed))
    }

    @Test(arguments: [
        ("not json", "line: not a JSON object"),
        (#"{"sequence":1}"#, "type: missing"),
        (#"{"type":"row"}"#, #"type: "row" is neither "event" nor "checkpoint""#),
        (#"{"type":"event","sequence":"one"}"#, "sequence: wrong type"),
        (
            #"{"type":"event","sequence":1,"time":1,"actor":"a","action":"sign_in","target":"","detail":"{}","previous_hash":"00","hash":"00"}"#,
            "previous_hash: missing or not 64 hexadecimal digits"
        ),
        (#"{"type":"event","sequence":1,"actor":"a"}"#, "time: missing"),
        (#"{"type":"checkpoint"}"#, "note: missing"),
    ])
    func malformedLinesNameTheField(_ line: String, _ message: String) {
        #expect(throws: AuditError.malformedText(message)) { try AuditExportRecord(jsonLine: line) }
    }

    @Test func anIntactExportVerifiesOffline() throws {
        let events = try AuditFixture.events(25)
        let key = try AuditFixture.key()
        let checkpoints = try [10, 20].map { try AuditFixture.checkpoint(events, size: $0, key: key) }
        var verifier = AuditExportVerifier(key: key.verifierKey)
        for line in Self.exportLines(events: events, checkpoints: checkpoints) + [""] {
            #expect(try verifier.consume(line: line) == nil)
        }
        let result = verifier.finish()
        #expect(result.summary == "ok: 25 events, head \(MerkleTree.root(of: events.map(\.hash)).hex)")
        #expect(result.checkpointsVerified == 2)
    }

    @Test func anEditedExportFailsAtTheEditedEvent() throws {
        let events = try AuditFixture.events(25)
        let key = try AuditFixture.key()
        var lines = Self.exportLines(events: events, checkpoints: [try AuditFixture.checkpoint(events, size: 20, key: key)])
        lines[1 + 11] = lines[1 + 11].replacingOccurrences(of: "disclosure:", with: "disclosure:9")
        var verifier = AuditExportVerifier(key: key.verifierKey)
        for line in lines { try verifier.consume(line: line) }
        #expect(verifier.finish().failure == AuditFailure(sequence: 12, reason: .hashMismatch))
    }

    @Test func aShortenedExportFailsAgainstItsCheckpoint() throws {
        let events = try AuditFixture.events(25)
        let key = try AuditFixture.key()
        let lines = Self.exportLines(events: events, checkpoints: [try AuditFixture.checkpoint(events, size: 20, key: key)])
        var verifier = AuditExportVerifier(key: key.verifierKey)
        for line in lines.prefix(1 + 15) { try verifier.consume(line: line) }
        #expect(verifier.finish().failure == AuditFailure(sequence: 16, reason: .truncated(checkpointSize: 20)))
    }

    @Test func aCheckpointAfterEventsIsRefusedWithItsLineNumber() throws {
        let events = try AuditFixture.events(3)
        let key = try AuditFixture.key()
        var verifier = AuditExportVerifier(key: key.verifierKey)
        try verifier.consume(line: AuditExportRecord.event(events[0]).jsonLine)
        let late = AuditExportRecord.checkpoint(try AuditFixture.checkpoint(events, size: 1, key: key)).jsonLine
        #expect(throws: AuditExportVerifier.LineError(line: 2, message: "type: checkpoints must come before the first event")) {
            try verifier.consume(line: late)
        }
    }

    @Test func aBrokenLineIsReportedWithItsNumber() throws {
        var verifier = AuditExportVerifier(key: nil)
        #expect(throws: AuditExportVerifier.LineError(line: 1, message: "line: not a JSON object")) {
            try verifier.consume(line: "{")
        }
    }
}
