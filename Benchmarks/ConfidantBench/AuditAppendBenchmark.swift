import ArgumentParser
import ConfidantCore
import ConfidantStore
import Foundation
import Logging

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
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).sqlite").path
        let location: DatabaseLocation = try database.map { try DatabaseLocation(parsing: $0) } ?? .sqliteFile(path: path)
        let store = try ConfidantDatabase(location: location, logger: logger)
        try await store.migrate()
        let log = AuditLogStore(store)
        let start = try await log.head().size
        let clock = ContinuousClock()
        let perTask = events / max(concurrency, 1)
        let elapsed = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<max(concurrency, 1) {
                    group.addTask {
                        for n in 0..<perTask {
                            try await log.append(AuditEntry(
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
        print("""
        audit-append on \(location): \(appended) events in \(String(format: "%.2f", seconds)) s \
        = \(Int(Double(appended) / seconds)) appends/s (concurrency \(concurrency)); \
        verify from the database: \(Int(Double(start + UInt64(appended)) / verifySeconds)) events/s
        """)
        await store.shutdown()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
