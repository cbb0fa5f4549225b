import ArgumentParser
import ConfidantCore
import ConfidantStore
import Crypto
import Foundation

/// `confidant-bench search`: finding a person among many, through the blind index, as `/people?q=` and the duplicate
/// check on adding a person do it (each search logged, as on the page).
struct SearchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Times name searches and duplicate checks among many made-up people, on SQLite or PostgreSQL."
    )

    @Option(help: "How many made-up people to load (SyntheticLoad: ten first names, surnames shared by ten people).")
    var people: Int = 200_000

    @Option(help: "How many times each kind of search is run.")
    var rounds: Int = 200

    @Option(help: "A postgres:// URL; without it, a new SQLite file in the temporary directory.")
    var database: String?

    func run() async throws {
        let bench = try await BenchDatabase.open(database)
        let cipher = FieldCipher(current: DataKey(key: SymmetricKey(size: .bits256), id: "bench"))
        let now = Date()
        let lead = try await UserStore(bench.database).create(
            try AccountDetails(name: "Bench lead", email: "lead-\(UUID().uuidString.prefix(6))@example.org"), role: .dsl, passwordHash: nil,
            now: now, by: "system")
        let loading = try await ContinuousClock().measure {
            try await SyntheticLoad(bench.database, cipher: cipher).load(
                people: people, concerns: 0, days: 365, author: lead.id, lead: lead.id, now: now)
        }
        print("search on \(bench.location): \(people) people loaded and indexed in \(String(format: "%.1f", seconds(loading))) s")
        let records = RecordStore(bench.database, cipher: cipher)
        // Each round picks another person, so no round finds what the last one warmed.
        func person(_ round: Int) -> PersonDetails { SyntheticLoad.person((round * 7_919) % people) }
        let kinds: [(String, (Int) -> String)] = [
            ("full name", { person($0).name }),
            ("surname (ten people)", { String(person($0).name.split(separator: " ")[1]) }),
            (
                "first name and the surname's beginning",
                {
                    let words = person($0).name.split(separator: " ")
                    return "\(words[0]) \(words[1].prefix(3))"
                }
            ),
            ("full name, one letter off", { person($0).name.replacingOccurrences(of: "synth", with: "sinth") }),
            ("date of birth", { person($0).dateOfBirth }),
            ("one letter (many found, first 50 shown)", { _ in "a" }),
        ]
        for (kind, text) in kinds {
            var found = 0
            let times = try await timed { round in
                found += try await records.searchPeople(text(round), readBy: lead, visibleTo: { _ in true }, now: now).people.count
            }
            print("  \(kind): \(summary(times)); \(String(format: "%.1f", Double(found) / Double(rounds))) found a search")
        }
        var duplicates = 0
        let checks = try await timed { round in
            var details = person(round)
            details.name = details.name.replacingOccurrences(of: "synth", with: "synt")
            duplicates += try await records.likelyDuplicates(of: details).count
        }
        print("  duplicate check of a name one letter off: \(summary(checks)); \(duplicates) found in \(rounds)")
        await bench.close()
    }

    func timed(_ body: (Int) async throws -> Void) async throws -> [Double] {
        var times: [Double] = []
        for round in 0..<rounds { times.append(seconds(try await ContinuousClock().measure { try await body(round) })) }
        return times.sorted()
    }

    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    func summary(_ sorted: [Double]) -> String {
        func ms(_ q: Double) -> String { String(format: "%.1f", sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] * 1000) }
        return "median \(ms(0.5)) ms, p99 \(ms(0.99)) ms"
    }
}
