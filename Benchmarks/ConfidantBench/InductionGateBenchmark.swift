import ArgumentParser
import ConfidantCore
import ConfidantStore
import Foundation

/// `confidant-bench induction-gate`: the question every signed-in request asks once a policy is published.
struct InductionGateBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "induction-gate",
        abstract: "Times PolicyStore.mustAcknowledge with a published version and many accounts, on SQLite or PostgreSQL."
    )

    @Option(help: "How many accounts (each has acknowledged one version).")
    var accounts: Int = 500

    @Option(help: "How many questions to ask.")
    var questions: Int = 20_000

    @Option(help: "A postgres:// URL; without it, a new SQLite file in the temporary directory.")
    var database: String?

    func run() async throws {
        let bench = try await BenchDatabase.open(database)
        let (store, location) = (bench.database, bench.location)
        let users = UserStore(store)
        let policies = PolicyStore(store)
        let now = Date()
        var ids: [UUID] = []
        for n in 0..<accounts {
            let role: UserRole = n == 0 ? .dsl : (n == 1 ? .manager : .staff)
            let user = try await users.create(
                try AccountDetails(name: "Bench \(n)", email: "bench\(n)-\(UUID().uuidString.prefix(6))@example.org"),
                role: role, passwordHash: nil, now: now, by: "system")
            ids.append(user.id)
        }
        let owner = PolicyActor(id: ids[0], role: .dsl)
        let draft = try await policies.importDraft(text: PolicyText.generated(from: .mct), label: "bench", by: owner, now: now)
        _ = try await policies.openConsultation(draft.id, partners: [], by: owner, now: now)
        _ = try await policies.requestPublication(draft.id, by: owner, now: now)
        _ = try await policies.approvePublication(draft.id, by: PolicyActor(id: ids[1], role: .manager), now: now)
        // Every other account has acknowledged; the rest are gated.
        for (n, id) in ids.enumerated() where n % 2 == 0 {
            try await policies.acknowledge(draft.id, by: id, understandingPassed: true, now: now)
        }
        var gated = 0
        let elapsed = try await ContinuousClock().measure {
            for n in 0..<questions where try await policies.mustAcknowledge(ids[n % ids.count]) { gated += 1 }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            """
            induction-gate on \(location): \(questions) questions over \(accounts) accounts in \(String(format: "%.2f", seconds)) s \
            = \(Int(Double(questions) / seconds)) questions/s (\(String(format: "%.0f", seconds / Double(questions) * 1_000_000)) µs each); \
            \(gated) answered "must acknowledge"
            """)
        await bench.close()
    }
}
