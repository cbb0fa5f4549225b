import ArgumentParser
import ConfidantCore
import ConfidantStore
import Crypto
import Foundation

/// `confidant-bench reports`: the oversight report over many concerns, as `/reports` computes it.
struct ReportsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "Times ReportStore and OversightReport for a quarter and the quarter before, over many concerns, on SQLite or PostgreSQL."
    )

    @Option(help: "How many submitted concerns to load, spread over the days given.")
    var concerns: Int = 100_000

    @Option(help: "Over how many days before now.")
    var days: Int = 365

    @Option(help: "How many times to compute the report.")
    var rounds: Int = 5

    @Option(help: "A postgres:// URL; without it, a new SQLite file in the temporary directory.")
    var database: String?

    func run() async throws {
        let bench = try await BenchDatabase.open(database)
        let cipher = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "bench"))
        let users = UserStore(bench.database)
        let now = Date()
        let author = try await users.create(
            try AccountDetails(name: "Bench author", email: "author-\(UUID().uuidString.prefix(6))@example.org"), role: .staff,
            passwordHash: nil, now: now, by: "system")
        let lead = try await users.create(
            try AccountDetails(name: "Bench lead", email: "lead-\(UUID().uuidString.prefix(6))@example.org"), role: .dsl, passwordHash: nil,
            now: now, by: "system")
        let loading = try await ContinuousClock().measure {
            try await SyntheticLoad(bench.database, cipher: cipher).load(
                people: max(concerns / 5, 1), concerns: concerns, days: days, author: author.id, lead: lead.id, now: now)
        }
        let store = ReportStore(bench.database, cipher: cipher)
        let zone = TimeZone(identifier: "Europe/London") ?? .gmt
        let period = ReportPeriod.recent(now: now, timeZone: zone)
        var counted = 0
        var times: [Double] = []
        for _ in 0..<rounds {
            let elapsed = try await ContinuousClock().measure {
                let concerns = try await store.concerns(in: period)
                let shares = try await store.shareFacts(from: period.previous.start, to: period.end, now: now)
                let report = OversightReport(period: period, concerns: concerns.facts, timings: concerns.timings, shares: shares)
                counted = concerns.timings.count
                precondition(!report.tables.isEmpty)
            }
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        times.sort()
        let load = Double(loading.components.seconds) + Double(loading.components.attoseconds) / 1e18
        print(
            """
            reports on \(bench.location): \(concerns) concerns loaded in \(String(format: "%.1f", load)) s; a report of \(period.words) \
            and the period before reads \(counted) concerns: median \(String(format: "%.0f", times[times.count / 2] * 1000)) ms, \
            slowest \(String(format: "%.0f", (times.last ?? 0) * 1000)) ms over \(rounds) rounds
            """)
        await bench.close()
    }
}
