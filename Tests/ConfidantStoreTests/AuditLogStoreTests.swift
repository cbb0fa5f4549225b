import ConfidantCore
import ConfidantStore
import ConfidantTestSupport
import Crypto
import Foundation
import Testing

@Suite("The audit log in the database")
struct AuditLogStoreTests {
    static let key = try! AuditSigningKey(seed: [UInt8](repeating: 7, count: 32))
    static let policy = CheckpointPolicy(everyEvents: 10, everyMilliseconds: 60_000)

    /// A log of 25 events with signed checkpoints at 10 and 20.
    func fill(_ log: AuditLogStore) async throws {
        for n in 1...25 {
            try await log.append(
                AuditEntry(
                    time: 1_795_000_000_000 + Int64(n), actor: "actor-\(n % 3)", action: n % 2 == 0 ? .caseRead : .signIn,
                    target: "disclosure:\(n % 5)", detail: AuditDetail(["n": .int(Int64(n))])))
            if n % 10 == 0 {
                try await log.checkpoint(key: Self.key, policy: Self.policy, now: 1_795_000_000_000 + Int64(n), force: true)
            }
        }
    }

    @Test("an untouched log verifies, with its checkpoints", arguments: TestDatabaseKind.available)
    func intact(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let log = AuditLogStore(database)
            try await fill(log)
            let result = try await log.verify(key: Self.key.verifierKey)
            #expect(result.isIntact)
            #expect(result.eventCount == 25)
            #expect(result.checkpointsVerified == 2)
            #expect(try await log.head().size == 25)
            #expect(result.summary == "ok: 25 events, head \(try await log.head().treeHead.hex)")
        }
    }

    @Test(
        "64 requests appending at once share transactions; every acknowledged event is in the log once, in a chain that verifies",
        arguments: TestDatabaseKind.available)
    func groupCommit(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let log = AuditLogStore(database)
            let acknowledged = try await withThrowingTaskGroup(of: [AuditEvent].self) { group in
                for writer in 0..<64 {
                    group.addTask {
                        var mine: [AuditEvent] = []
                        for n in 0..<10 {
                            mine.append(
                                try await log.append(
                                    AuditEntry(
                                        time: 1_795_000_000_000 + Int64(n), actor: "writer-\(writer)", action: .caseRead,
                                        target: "concern:\(writer)-\(n)", detail: AuditDetail([:]))))
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(acknowledged.count == 640)
            #expect(Set(acknowledged.map(\.sequence)).count == 640)
            let result = try await log.verify(key: nil)
            #expect(result.isIntact && result.eventCount == 640)
            // Exactly the acknowledged events, each as it was acknowledged.
            var stored: [UInt64: AuditEvent] = [:]
            try await log.forEachEvent { event in
                stored[event.sequence] = event
                return true
            }
            #expect(stored.count == 640)
            #expect(acknowledged.allSatisfy { stored[$0.sequence] == $0 })
            // Each writer's own events are in the order it wrote them.
            for writer in 0..<64 {
                let mine = acknowledged.filter { $0.actor == "writer-\(writer)" }.sorted { $0.sequence < $1.sequence }
                #expect(mine.map(\.target) == (0..<10).map { "concern:\(writer)-\($0)" })
            }
        }
    }

    @Test("one instance holds the checkpoint signer's lease at a time; it passes on when run out or given up", arguments: TestDatabaseKind.available)
    func signerLease(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let leases = LeaseStore(database)
            let t0 = Date(timeIntervalSince1970: 1_795_000_000)
            let name = LeaseStore.checkpointSigner
            // Two instances asking at once: exactly one wins.
            async let a = leases.hold(name, as: "a", for: 30, now: t0)
            async let b = leases.hold(name, as: "b", for: 30, now: t0)
            let (gotA, gotB) = try await (a, b)
            #expect(gotA != gotB)
            let holder = gotA ? "a" : "b", other = gotA ? "b" : "a"
            #expect(try await leases.holder(of: name, now: t0) == holder)
            // The holder renews; the other is refused while it lasts.
            #expect(try await leases.hold(name, as: holder, for: 30, now: t0.addingTimeInterval(20)))
            #expect(try await !leases.hold(name, as: other, for: 30, now: t0.addingTimeInterval(45)))
            // Killed, it renews no more: once the lease runs out, the other takes it.
            #expect(try await leases.hold(name, as: other, for: 30, now: t0.addingTimeInterval(51)))
            #expect(try await !leases.hold(name, as: holder, for: 30, now: t0.addingTimeInterval(52)))
            // Given up on a graceful stop, it is free at once.
            try await leases.release(name, by: other)
            #expect(try await leases.holder(of: name, now: t0.addingTimeInterval(53)) == nil)
            #expect(try await leases.hold(name, as: holder, for: 30, now: t0.addingTimeInterval(53)))
            // A checkpoint names the instance that signed it.
            try await fill(AuditLogStore(database))
            _ = try await AuditLogStore(database).checkpoint(key: Self.key, policy: Self.policy, now: 1_795_000_100_000, force: true, signer: holder)
            #expect(try await AuditLogStore(database).checkpointSigners().last?.signer == holder)
        }
    }

    /// Each tampering, done with direct SQL, and the sequence number `verify` must report.
    static let tamperings: [(name: String, sql: String, sequence: UInt64)] = [
        ("change the time", "UPDATE audit_events SET time = time + 1 WHERE seq = 7", 7),
        ("change the actor", "UPDATE audit_events SET actor = 'someone-else' WHERE seq = 7", 7),
        ("change the action", "UPDATE audit_events SET action = 'sign_out' WHERE seq = 7", 7),
        ("change the target", "UPDATE audit_events SET target = 'disclosure:99' WHERE seq = 7", 7),
        ("change the detail", "UPDATE audit_events SET detail = '{}' WHERE seq = 7", 7),
        ("change the previous hash", "UPDATE audit_events SET previous_hash = (SELECT hash FROM audit_events WHERE seq = 2) WHERE seq = 7", 7),
        ("change the hash", "UPDATE audit_events SET hash = (SELECT hash FROM audit_events WHERE seq = 2) WHERE seq = 7", 7),
        ("change the sequence number", "UPDATE audit_events SET seq = 100 WHERE seq = 7", 7),
        ("delete the first event", "DELETE FROM audit_events WHERE seq = 1", 1),
        ("delete an event", "DELETE FROM audit_events WHERE seq = 12", 12),
        ("delete the last event", "DELETE FROM audit_events WHERE seq = 25", 25),
        (
            "swap two events",
            """
            UPDATE audit_events SET seq = 1000 WHERE seq = 8;
            UPDATE audit_events SET seq = 8 WHERE seq = 9;
            UPDATE audit_events SET seq = 9 WHERE seq = 1000
            """, 8
        ),
        (
            "insert an event",
            """
            INSERT INTO audit_events (seq, time, actor, action, target, detail, previous_hash, hash)
            SELECT 26, time, actor, action, target, detail, hash, hash FROM audit_events WHERE seq = 25
            """, 26
        ),
        ("truncate the tail below a checkpoint", "DELETE FROM audit_events WHERE seq > 15", 16),
        ("truncate the tail after the last checkpoint", "DELETE FROM audit_events WHERE seq > 22", 23),
        (
            "forge a checkpoint",
            "UPDATE audit_checkpoints SET note = replace(note, 'time 1795000000010', 'time 1795000000011') WHERE tree_size = 10", 10
        ),
    ]

    @Test("every kind of tampering is caught at the right event", arguments: TestDatabaseKind.available)
    func tampering(kind: TestDatabaseKind) async throws {
        for tampering in Self.tamperings {
            try await withTestDatabase(kind) { database in
                let log = AuditLogStore(database)
                try await fill(log)
                for statement in tampering.sql.split(separator: ";") { try await database.execute(String(statement)) }
                let result = try await log.verify(key: Self.key.verifierKey)
                #expect(!result.isIntact, "\(tampering.name)")
                #expect(result.failure?.sequence == tampering.sequence, "\(tampering.name): \(result.summary)")
            }
        }
    }

    @Test("a checkpoint signed by another key is refused", arguments: TestDatabaseKind.available)
    func otherKey(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let log = AuditLogStore(database)
            try await fill(log)
            let other = try AuditSigningKey(seed: [UInt8](repeating: 9, count: 32))
            let result = try await log.verify(key: other.verifierKey)
            #expect(result.failure?.code == "checkpoint_signature_invalid")
            #expect(result.failure?.sequence == 10)
        }
    }

    @Test("appends from many tasks at once keep one unbroken chain", arguments: TestDatabaseKind.available)
    func concurrentAppends(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let log = AuditLogStore(database)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<40 {
                    group.addTask {
                        try await log.append(AuditEntry(time: Int64(n), actor: "a", action: .caseRead, target: "t:\(n)"))
                    }
                }
                try await group.waitForAll()
            }
            let result = try await log.verify(key: nil)
            #expect(result.isIntact, "\(result.summary)")
            #expect(result.eventCount == 40)
        }
    }

    @Test("an account change and its audit event commit together, or neither does", arguments: TestDatabaseKind.available)
    func sameTransaction(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let users = UserStore(database)
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            let user = try await users.create(
                try AccountDetails(name: "Ann", email: "ann@example.org"), role: .staff,
                passwordHash: nil, now: now, by: "system")
            #expect(try await AuditLogStore(database).search(target: AuditName.account(user.id)).map(\.action) == [.userCreated])
            await #expect(throws: StoreError.self) {
                _ = try await users.create(
                    try AccountDetails(name: "Ann 2", email: "ann@example.org"), role: .staff,
                    passwordHash: nil, now: now, by: "system")
            }
            #expect(try await AuditLogStore(database).head().size == 1)
        }
    }

    @Test("who has seen a record lists each reader with first and last time", arguments: TestDatabaseKind.available)
    func viewers(kind: TestDatabaseKind) async throws {
        try await withTestDatabase(kind) { database in
            let log = AuditLogStore(database)
            try await fill(log)
            let viewers = try await log.viewers(of: "disclosure:2")
            #expect(!viewers.isEmpty)
            #expect(viewers.allSatisfy { $0.firstSeen <= $0.lastSeen })
            #expect(try await log.search(actor: "actor-1", action: "case_read").allSatisfy { $0.actor == "actor-1" && $0.action == .caseRead })
        }
    }

    @Test("the signing key file is created with mode 0600 and read back")
    func keyFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)/key").path
        let key = try AuditKeyFile.loadOrCreate(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try AuditKeyFile.load(path: path).verifierKey.text == key.verifierKey.text)
    }
}
