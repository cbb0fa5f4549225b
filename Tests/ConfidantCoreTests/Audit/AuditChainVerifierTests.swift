import Testing

@testable import ConfidantCore

@Suite struct AuditChainVerifierTests {
    /// A log of 20 made-up events with signed checkpoints at 10 and 20, and the verifier key.
    struct Log {
        var events: [AuditEvent]
        var checkpoints: [SignedCheckpoint]
        let key: AuditVerifierKey

        init(count: Int = 20, checkpointSizes: [Int] = [10, 20]) throws {
            let signer = try AuditFixture.key()
            let made = try AuditFixture.events(count)
            events = made
            checkpoints = try checkpointSizes.map { try AuditFixture.checkpoint(made, size: $0, key: signer) }
            key = signer.verifierKey
        }

        func verify() -> AuditVerificationResult {
            AuditChainVerifier.verify(events: events, checkpoints: checkpoints, key: key)
        }

        /// What a store reading `ORDER BY sequence` returns after direct edits.
        mutating func sortBySequence() {
            events.sort { $0.sequence < $1.sequence }
        }

        /// Re-hashes every event from `index` on, as a forger without the signing key would.
        mutating func rehashChain(from index: Int) {
            for i in index..<events.count {
                if i > 0 { events[i].previousHash = events[i - 1].hash }
                events[i].hash = events[i].computedHash()
            }
        }
    }

    @Test func intactLogVerifiesWithCountHeadAndCheckpoints() throws {
        let log = try Log()
        let result = log.verify()
        let head = MerkleTree.root(of: log.events.map(\.hash))
        #expect(result.isIntact)
        #expect(result.exitCode == 0)
        #expect(result.eventCount == 20)
        #expect(result.treeHead == head)
        #expect(result.lastEventHash == log.events[19].hash)
        #expect(result.checkpointsVerified == 2)
        #expect(result.summary == "ok: 20 events, head \(head.hex)")
    }

    @Test func resultsAlsoComeAsOneJSONLine() throws {
        var log = try Log()
        let head = MerkleTree.root(of: log.events.map(\.hash))
        #expect(log.verify().jsonLine == "{\"ok\":true,\"events\":20,\"head\":\"\(head.hex)\",\"checkpoints\":2}")
        log.events.remove(at: 4)
        #expect(
            log.verify().jsonLine == "{\"ok\":false,\"events\":4,\"sequence\":5,\"reason\":\"sequence_gap\","
                + "\"message\":\"missing: the next event in the log is 6 (events were deleted)\"}")
    }

    @Test func emptyLogIsIntactWithTheEmptyTreeHead() {
        let result = AuditChainVerifier.verify(events: [AuditEvent](), checkpoints: [], key: nil)
        #expect(result.summary == "ok: 0 events, head e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func checkpointsMayComeInAnyOrder() throws {
        var log = try Log()
        log.checkpoints.reverse()
        #expect(log.verify().checkpointsVerified == 2)
    }

    @Test(arguments: [AuditEventField.time, .actor, .action, .target, .detail, .previousHash, .hash])
    func changingAnyFieldIsCaughtAtThatEvent(_ field: AuditEventField) throws {
        var log = try Log()
        switch field {
        case .time: log.events[6].time += 1
        case .actor: log.events[6].actor = "user:someone-else-fictional"
        case .action: log.events[6].action = .other("nothing_happened")
        case .target: log.events[6].target = "disclosure:999"
        case .detail: log.events[6].detail = "{}"
        case .previousHash: log.events[6].previousHash = log.events[4].hash
        case .hash: log.events[6].hash = log.events[5].hash
        case .sequence: break
        }
        let result = log.verify()
        #expect(result.failure == AuditFailure(sequence: 7, reason: .hashMismatch))
        #expect(result.eventCount == 6)
        #expect(result.exitCode == 1)
        #expect(result.summary == "fail: event 7: its stored hash does not match its content (a field was changed after it was written)")
    }

    @Test func changingASequenceNumberShowsAGapWhereItWas() throws {
        var log = try Log()
        log.events[6].sequence = 107
        log.sortBySequence()
        #expect(log.verify().failure == AuditFailure(sequence: 7, reason: .sequenceGap(found: 8)))
    }

    @Test(arguments: [1, 7, 15])
    func deletingAnEventIsCaughtAtItsNumber(_ sequence: Int) throws {
        var log = try Log()
        log.events.remove(at: sequence - 1)
        let result = log.verify()
        #expect(result.failure == AuditFailure(sequence: UInt64(sequence), reason: .sequenceGap(found: UInt64(sequence + 1))))
        #expect(result.summary.hasPrefix("fail: event \(sequence): missing"))
    }

    @Test func swappingTwoEventsNumbersIsCaughtAtTheFirst() throws {
        var log = try Log()
        (log.events[4].sequence, log.events[8].sequence) = (log.events[8].sequence, log.events[4].sequence)
        log.sortBySequence()
        #expect(log.verify().failure == AuditFailure(sequence: 5, reason: .hashMismatch))
    }

    @Test func swappingTwoEventsInReadingOrderIsCaughtAtTheFirst() throws {
        var log = try Log()
        log.events.swapAt(4, 8)
        #expect(log.verify().failure == AuditFailure(sequence: 5, reason: .sequenceGap(found: 9)))
    }

    @Test func insertingADuplicateNumberIsCaughtAtThatNumber() throws {
        var log = try Log()
        var copy = log.events[6]
        copy.actor = "user:intruder-fictional"
        log.events.insert(copy, at: 7)
        #expect(log.verify().failure == AuditFailure(sequence: 7, reason: .sequenceOutOfOrder(expected: 8)))
    }

    @Test func insertingAnEventAndRenumberingTheRestIsCaughtAtTheInsertedNumber() throws {
        var log = try Log()
        for i in 6..<log.events.count { log.events[i].sequence += 1 }
        let forged = AuditEvent(
            sequence: 7, time: log.events[5].time + 1, actor: "user:intruder-fictional", action: .signIn, target: "",
            detail: "{}", previousHash: log.events[5].hash, hash: MerkleTree.leafHash(Array("guess".utf8)))
        log.events.insert(forged, at: 6)
        #expect(log.verify().failure == AuditFailure(sequence: 7, reason: .hashMismatch))
    }

    @Test func rewritingAnEventAndItsOwnHashBreaksTheLinkToTheNext() throws {
        var log = try Log()
        log.events[6].actor = "user:someone-else-fictional"
        log.events[6].hash = log.events[6].computedHash()
        #expect(log.verify().failure == AuditFailure(sequence: 8, reason: .previousHashMismatch))
    }

    @Test func aFirstEventWithAPredecessorIsCaught() throws {
        var log = try Log()
        log.events[0].previousHash = MerkleTree.emptyRoot
        log.events[0].hash = log.events[0].computedHash()
        #expect(log.verify().failure == AuditFailure(sequence: 1, reason: .previousHashMismatch))
    }

    @Test(arguments: [(3, 10), (10, 10), (11, 20), (18, 20)])
    func rewritingAndRehashingTheWholeChainIsCaughtAtTheNextCheckpoint(_ sequence: Int, _ checkpoint: Int) throws {
        var log = try Log()
        log.events[sequence - 1].detail = #"{"parts":[]}"#
        log.rehashChain(from: sequence - 1)
        #expect(log.verify().failure == AuditFailure(sequence: UInt64(checkpoint), reason: .checkpointRootMismatch(treeSize: UInt64(checkpoint))))
    }

    @Test func truncatingTheTailBelowACheckpointReportsTheFirstMissingEvent() throws {
        var log = try Log()
        log.events.removeLast(8)
        let result = log.verify()
        #expect(result.failure == AuditFailure(sequence: 13, reason: .truncated(checkpointSize: 20)))
        #expect(result.summary.hasPrefix("fail: event 13: missing"))
    }

    @Test func truncatingEverythingReportsEventOne() throws {
        var log = try Log()
        log.events.removeAll()
        #expect(log.verify().failure == AuditFailure(sequence: 1, reason: .truncated(checkpointSize: 10)))
    }

    @Test func truncatingAfterTheLastCheckpointCannotBeSeenWithoutAnOutsideCopy() throws {
        var log = try Log(checkpointSizes: [10])
        log.events.removeLast(5)
        let result = log.verify()
        #expect(result.isIntact)
        #expect(result.eventCount == 15)
        // The checkpoint an auditor exported at 20 events exposes it.
        let exported = try AuditFixture.checkpoint(try AuditFixture.events(20), size: 20, key: AuditFixture.key())
        log.checkpoints.append(exported)
        #expect(log.verify().failure == AuditFailure(sequence: 16, reason: .truncated(checkpointSize: 20)))
    }

    @Test func aCheckpointWithABadSignatureIsCaught() throws {
        var log = try Log()
        log.checkpoints[0].signature[0] ^= 0x80
        #expect(log.verify().failure == AuditFailure(sequence: 10, reason: .checkpointSignatureInvalid(treeSize: 10)))
    }

    @Test func aCheckpointForgedWithAnotherKeyIsCaught() throws {
        var log = try Log()
        log.events[2].target = "disclosure:1"
        log.rehashChain(from: 2)
        let forger = try AuditFixture.forgerKey()
        log.checkpoints = try [10, 20].map { try AuditFixture.checkpoint(log.events, size: $0, key: forger) }
        #expect(log.verify().failure == AuditFailure(sequence: 10, reason: .checkpointSignatureInvalid(treeSize: 10)))
    }

    @Test func aForgedCheckpointBeyondTheEndIsNotMistakenForTruncation() throws {
        var log = try Log()
        var forged = log.checkpoints[1]
        forged.checkpoint.treeSize = 25
        log.checkpoints.append(forged)
        #expect(log.verify().failure == AuditFailure(sequence: 25, reason: .checkpointSignatureInvalid(treeSize: 25)))
    }

    @Test func aCheckpointOfAnotherLogIsCaught() throws {
        var log = try Log()
        log.checkpoints[0] = try AuditFixture.checkpoint(log.events, size: 10, key: AuditFixture.key(), origin: "another log")
        #expect(log.verify().failure == AuditFailure(sequence: 10, reason: .checkpointOriginMismatch(treeSize: 10, origin: "another log")))
    }

    @Test func checkpointsWithoutAKeyCountAsUnsigned() throws {
        let log = try Log()
        let result = AuditChainVerifier.verify(events: log.events, checkpoints: log.checkpoints, key: nil)
        #expect(result.failure == AuditFailure(sequence: 10, reason: .checkpointSignatureInvalid(treeSize: 10)))
    }

    @Test func anEventWithAnOversizedFieldIsMalformed() throws {
        var log = try Log()
        log.events[3].target = String(repeating: "t", count: 300)
        #expect(log.verify().failure == AuditFailure(sequence: 4, reason: .malformed(.target)))
    }

    @Test func unknownActionsFromANewerVersionStillVerify() throws {
        var appender = AuditAppender()
        var events: [AuditEvent] = []
        for n in 1...3 {
            var entry = AuditFixture.entry(n)
            if n == 2 { entry.action = .other("retention_review") }
            events.append(try appender.append(entry))
        }
        // As the store would read it back: the action from its stored word.
        let reread = events.map { event in
            var copy = event
            copy.action = AuditAction(rawValue: event.action.rawValue)
            return copy
        }
        let result = AuditChainVerifier.verify(events: reread, checkpoints: [], key: nil)
        #expect(result.isIntact)
        #expect(result.eventCount == 3)
    }

    @Test func streamingStopsAtTheFirstFailureAndKeepsIt() throws {
        var log = try Log()
        log.events[2].actor = "user:x-fictional"
        log.events[5].actor = "user:y-fictional"
        var verifier = AuditChainVerifier(checkpoints: log.checkpoints, key: log.key)
        var reports: [AuditFailure?] = []
        for event in log.events { reports.append(verifier.consume(event)) }
        #expect(reports[0] == nil && reports[1] == nil)
        #expect(reports[2] == AuditFailure(sequence: 3, reason: .hashMismatch))
        #expect(reports[19] == AuditFailure(sequence: 3, reason: .hashMismatch))
        #expect(verifier.finish().failure == AuditFailure(sequence: 3, reason: .hashMismatch))
    }

    @Test func everyFailureHasADistinctCode() {
        let reasons: [AuditFailure.Reason] = [
            .hashMismatch, .previousHashMismatch, .sequenceGap(found: 2), .sequenceOutOfOrder(expected: 2),
            .malformed(.actor), .checkpointSignatureInvalid(treeSize: 1), .checkpointOriginMismatch(treeSize: 1, origin: "x"),
            .checkpointRootMismatch(treeSize: 1), .truncated(checkpointSize: 1),
        ]
        let codes = reasons.map { AuditFailure(sequence: 1, reason: $0).code }
        #expect(Set(codes).count == reasons.count)
    }
}
