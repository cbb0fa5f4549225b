import ArgumentParser
import ConfidantCore

/// `confidant-bench audit-verify`: verifies a generated audit log in-process and measures hashing speed.
struct AuditVerifyBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-verify",
        abstract: "Appends N generated audit events, signs checkpoints, then times the streaming verifier."
    )

    @Option(help: "How many events to generate and verify.")
    var events: Int = 1_000_000

    @Option(help: "Sign a checkpoint every this many events (0: none).")
    var checkpointEvery: Int = 1_000

    @Option(help: "How many times to repeat the verification (the best run is reported too).")
    var runs: Int = 3

    @Flag(help: "Generate and verify in one pass without keeping the log, to show the verifier's memory stays flat.")
    var stream = false

    func run() throws {
        if stream { return try runStreaming() }
        let clock = ContinuousClock()
        let key = try AuditSigningKey(seed: [UInt8](repeating: 0x07, count: 32))
        let details = [
            AuditDetail(["parts": .strings(["account", "observations"])]),
            AuditDetail(["method": .string("password")]),
            AuditDetail(["recipient": .string("agency:3"), "form": .string("deidentified")]),
        ]
        let policy = CheckpointPolicy(everyEvents: UInt64(max(checkpointEvery, 1)), everyMilliseconds: .max)

        // 1. Append as the store would: canonical detail, encode, hash, advance the frontier,
        //    and sign a checkpoint whenever the policy says one is due.
        var appender = AuditAppender()
        var log: [AuditEvent] = []
        log.reserveCapacity(events)
        var checkpoints: [SignedCheckpoint] = []
        var last: Checkpoint?
        let appendTime = try clock.measure {
            for n in 1...events {
                let entry = AuditEntry(
                    time: 1_764_000_000_000 + Int64(n) * 250,
                    actor: "user:\(n % 40)",
                    action: AuditAction.allCases[n % AuditAction.allCases.count],
                    target: "disclosure:\(n % 5_000)",
                    detail: details[n % details.count]
                )
                let event = try appender.append(entry)
                log.append(event)
                if checkpointEvery > 0, policy.isDue(last: last, size: appender.size, now: event.time),
                    appender.size % UInt64(checkpointEvery) == 0
                {
                    let checkpoint = try Checkpoint(treeSize: appender.size, rootHash: appender.treeHead, time: event.time)
                    checkpoints.append(try key.sign(checkpoint))
                    last = checkpoint
                }
            }
        }
        let bytes = log.reduce(0) { $0 + $1.canonicalEncoding.count }
        print("events: \(events), mean canonical encoding \(bytes / max(events, 1)) bytes, checkpoints: \(checkpoints.count)")
        print("append (detail JSON, encode, leaf hash, frontier, checkpoint signing; in memory): \(rate(events, appendTime)) events/s")

        // 2. Verify: the whole log, every hash, link and checkpoint.
        var best = Duration.seconds(1_000_000)
        for runIndex in 1...max(runs, 1) {
            var result: AuditVerificationResult?
            let time = clock.measure {
                result = AuditChainVerifier.verify(events: log, checkpoints: checkpoints, key: key.verifierKey)
            }
            best = min(best, time)
            print(
                "verify run \(runIndex): \(seconds(time)) s, \(rate(events, time)) events/s — \(result?.summary ?? "no result") (\(result?.checkpointsVerified ?? 0) checkpoints)"
            )
        }
        print("verify best: \(rate(events, best)) events/s")

        // 3. Hashing primitives.
        var sink = AuditHash.zero
        let leafTime = clock.measure {
            var buffer: [UInt8] = []
            for event in log { sink = event.computedHash(reusing: &buffer) }
        }
        print("leaf hash (encode + SHA-256): \(rate(events, leafTime)) hashes/s")
        let nodeCount = events
        let nodeTime = clock.measure {
            var node = sink
            for _ in 0..<nodeCount { node = MerkleTree.nodeHash(node, node) }
            sink = node
        }
        print("node hash (65-byte SHA-256): \(rate(nodeCount, nodeTime)) hashes/s, \(rate(nodeCount * 65, nodeTime) / 1_000_000) MB/s")
        let detailTime = clock.measure {
            for n in 0..<100_000 {
                sink = MerkleTree.leafHash(AuditDetail(["parts": .strings(["account"]), "n": .int(Int64(n))]).json.utf8)
            }
        }
        print("canonical detail JSON + hash: \(rate(100_000, detailTime)) details/s")
        print("(last hash \(sink.hex.prefix(8)))")
    }

    /// Appends and verifies event by event: nothing but the verifier's frontier and the checkpoints is kept.
    private func runStreaming() throws {
        let clock = ContinuousClock()
        let key = try AuditSigningKey(seed: [UInt8](repeating: 0x07, count: 32))
        // First pass: only the checkpoints are kept (as a store keeps them in their own table).
        var appender = AuditAppender()
        var checkpoints: [SignedCheckpoint] = []
        for n in 1...events {
            let event = try appender.append(Self.entry(n))
            if checkpointEvery > 0, appender.size % UInt64(checkpointEvery) == 0 {
                checkpoints.append(try key.sign(Checkpoint(treeSize: appender.size, rootHash: appender.treeHead, time: event.time)))
            }
        }
        // Second pass: regenerate each event and verify it at once, as rows come from a database cursor.
        var regenerate = AuditAppender()
        var verifier = AuditChainVerifier(checkpoints: checkpoints, key: key.verifierKey)
        var result: AuditVerificationResult?
        let time = try clock.measure {
            for n in 1...events {
                if verifier.consume(try regenerate.append(Self.entry(n))) != nil { break }
            }
            result = verifier.finish()
        }
        print(
            "stream: regenerate + verify \(events) events in \(seconds(time)) s, \(rate(events, time)) events/s — \(result?.summary ?? "no result")")
    }

    private static let streamDetail = AuditDetail(["parts": .strings(["account", "observations"])])

    private static func entry(_ n: Int) -> AuditEntry {
        AuditEntry(
            time: 1_764_000_000_000 + Int64(n) * 250, actor: "user:\(n % 40)",
            action: AuditAction.allCases[n % AuditAction.allCases.count], target: "disclosure:\(n % 5_000)",
            detail: streamDetail)
    }

    private func rate(_ count: Int, _ time: Duration) -> Int {
        let s = Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18
        return s > 0 ? Int(Double(count) / s) : 0
    }

    private func seconds(_ time: Duration) -> String {
        let milliseconds = time.components.seconds * 1_000 + time.components.attoseconds / 1_000_000_000_000_000
        let fraction = String(milliseconds % 1_000)
        return "\(milliseconds / 1_000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
