import ArgumentParser
import ConfidantCore
import ConfidantStore
import Foundation

/// `confidant-bench audit-append`: audit events appended each in its own real transaction, as requests do.
struct AuditAppendBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-append",
        abstract: "Appends N audit events, each in its own database transaction, on SQLite (WAL) or PostgreSQL."
    )

    @Option(help: "How many events to append.")
    var events: Int = 20_000

    @Option(help: "A postgres:// URL; without it, a new SQLite file in the temporary directory.")
    var database: String?

    @Option(help: "How many appends run at once (like concurrent requests).")
    var concurrency: Int = 1

    func run() async throws {
        let bench = try await BenchDatabase.open(database)
        let (store, location) = (bench.database, bench.location)
        let log = AuditLogStore(store)
        let start = try await log.head().size
        let clock = ContinuousClock()
        let perTask = events / max(concurrency, 1)
        let elapsed = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<max(concurrency, 1) {
                    group.addTask {
                        for n in 0..<perTask {
                            try await log.append(
                                AuditEntry(
                                    time: 1_795_000_000_000 + Int64(n), actor: "user-\(task)", action: .caseRead,
                                    target: "disclosure:\(n % 1000)", detail: AuditDetail(["parts": .strings(["account"])])))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        let appended = perTask * max(concurrency, 1)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let verifyElapsed = try await clock.measure {
            let result = try await log.verify(key: nil)
            guard result.isIntact, result.eventCount == start + UInt64(appended) else {
                throw ValidationError("the log did not verify after the benchmark: \(result.summary)")
            }
        }
        let verifySeconds = Double(verifyElapsed.components.seconds) + Double(verifyElapsed.components.attoseconds) / 1e18
        print(
            """
            audit-append on \(location): \(appended) events in \(String(format: "%.2f", seconds)) s \
            = \(Int(Double(appended) / seconds)) appends/s (concurrency \(concurrency)); \
            verify from the database: \(Int(Double(start + UInt64(appended)) / verifySeconds)) events/s
            """)
        await bench.close()
    }
}
