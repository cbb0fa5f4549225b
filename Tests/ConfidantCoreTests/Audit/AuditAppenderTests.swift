import Testing

@testable import ConfidantCore

@Suite struct AuditAppenderTests {
    @Test func eventsAreNumberedFromOneAndChained() throws {
        let events = try AuditFixture.events(5)
        #expect(events.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(events[0].previousHash == .zero)
        for index in 1..<events.count {
            #expect(events[index].previousHash == events[index - 1].hash)
        }
        #expect(events.allSatisfy { $0.hash == $0.computedHash() })
    }

    @Test func treeHeadIsTheMerkleRootOfTheEventHashes() throws {
        var appender = AuditAppender()
        #expect(appender.treeHead == MerkleTree.emptyRoot)
        var hashes: [AuditHash] = []
        for n in 1...9 {
            hashes.append(try appender.append(AuditFixture.entry(n)).hash)
            #expect(appender.treeHead == MerkleTree.root(of: hashes))
            #expect(appender.size == UInt64(n))
        }
    }

    @Test func resumingFromAStoredFrontierContinuesTheSameLog() throws {
        var straight = AuditAppender()
        for n in 1...6 { _ = try straight.append(AuditFixture.entry(n)) }
        let events = try AuditFixture.events(4)
        let stored = try MerkleFrontier(size: 4, hashes: MerkleFrontier(leaves: events.map(\.hash)).hashes)
        var resumed = try AuditAppender(resumingAfter: events[3], frontier: stored)
        _ = try resumed.append(AuditFixture.entry(5))
        let sixth = try resumed.append(AuditFixture.entry(6))
        #expect(sixth.sequence == 6)
        #expect(resumed.treeHead == straight.treeHead)
        #expect(resumed.lastHash == straight.lastHash)
    }

    @Test func resumingWithAFrontierOfAnotherSizeIsRefused() throws {
        let events = try AuditFixture.events(3)
        let frontier = MerkleFrontier(leaves: events.prefix(2).map(\.hash))
        #expect(throws: AuditError.resumeMismatch(eventSequence: 3, frontierSize: 2)) {
            try AuditAppender(resumingAfter: events[2], frontier: frontier)
        }
    }

    @Test func aFrontierNeedsOneHashPerOneBitOfItsSize() {
        #expect(throws: AuditError.frontierShape(size: 5, hashes: 1)) {
            try MerkleFrontier(size: 5, hashes: [.zero])
        }
    }
}
