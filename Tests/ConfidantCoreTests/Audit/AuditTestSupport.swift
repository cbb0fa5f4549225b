@testable import ConfidantCore

/// Shared, fictional test data for the audit tests: a small log of made-up users and records.
enum AuditFixture {
    /// A fixed Ed25519 seed so that the tests need no randomness.
    static let seed = [UInt8](repeating: 0x07, count: 32)
    /// A different seed, for a forger's key.
    static let forgerSeed = [UInt8](repeating: 0x2A, count: 32)

    static func key() throws -> AuditSigningKey {
        try AuditSigningKey(seed: seed)
    }

    static func forgerKey() throws -> AuditSigningKey {
        try AuditSigningKey(seed: forgerSeed)
    }

    static let actors = ["user:ada-fictional", "user:bo-fictional", AuditEvent.systemActor, AuditEvent.anonymousActor]

    /// The entry for event `n` (1-based): cycles through actors and actions, identifiers only.
    static func entry(_ n: Int) -> AuditEntry {
        let actions = AuditAction.allCases
        return AuditEntry(
            time: 1_764_000_000_000 + Int64(n) * 1_000,
            actor: actors[n % actors.count],
            action: actions[n % actions.count],
            target: "disclosure:\(100 + n % 7)",
            detail: AuditDetail(["parts": .strings(["account"]), "n": .int(Int64(n))])
        )
    }

    /// A log of `count` events made by the appender.
    static func events(_ count: Int) throws -> [AuditEvent] {
        var appender = AuditAppender()
        return try (1...max(count, 1)).prefix(count).map { try appender.append(entry($0)) }
    }

    /// A signed checkpoint over the first `size` events.
    static func checkpoint(
        _ events: [AuditEvent], size: Int, key: AuditSigningKey, origin: String = Checkpoint.defaultOrigin
    ) throws -> SignedCheckpoint {
        let root = MerkleTree.root(of: events.map(\.hash), size: size)
        let checkpoint = try Checkpoint(origin: origin, treeSize: UInt64(size), rootHash: root, time: 1_764_100_000_000)
        return try key.sign(checkpoint)
    }

    /// Bytes from lower-case hexadecimal (test vectors).
    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return out
    }
}
